#include "vector_simd.h"

// Function multi-versioning: the compiler emits an AVX-512, an AVX2+FMA and a baseline copy
// of the loop and the loader picks the best one for the running CPU (the plain loop is
// auto-vectorised in each copy).
#if defined(__x86_64__) && defined(__clang__) && defined(__linux__)
#define IGN_TARGET_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define IGN_TARGET_CLONES
#endif

// Four rows per pass share each query load and overlap their four reductions. The sums may be
// reassociated, so each target copy vectorises them across its register width.
static inline __attribute__((always_inline)) void ign_int8_dot4(const int8_t *r0, const int8_t *r1,
                                                               const int8_t *r2, const int8_t *r3,
                                                               const float *query, size_t dim, float *sums) {
#pragma clang fp reassociate(on) contract(fast)
    float a0 = 0.0f, a1 = 0.0f, a2 = 0.0f, a3 = 0.0f;
    for (size_t i = 0; i < dim; i++) {
        float q = query[i];
        a0 += (float)r0[i] * q;
        a1 += (float)r1[i] * q;
        a2 += (float)r2[i] * q;
        a3 += (float)r3[i] * q;
    }
    sums[0] = a0;
    sums[1] = a1;
    sums[2] = a2;
    sums[3] = a3;
}

IGN_TARGET_CLONES
void ign_int8_scaled_dots(const int8_t *codes, size_t rows, size_t dim, const float *query,
                          const float *scales, float *out) {
    float sums[4];
    size_t r = 0;
    for (; r + 4 <= rows; r += 4) {
        const int8_t *r0 = codes + r * dim;
        ign_int8_dot4(r0, r0 + dim, r0 + 2 * dim, r0 + 3 * dim, query, dim, sums);
        for (int j = 0; j < 4; j++) out[r + j] = scales[r + j] * sums[j];
    }
    if (r < rows) {
        // The last 1-3 rows go through the same code (the missing rows repeat the last one), so a
        // row's score never depends on its position in the list.
        size_t m = rows - r;
        const int8_t *r0 = codes + r * dim;
        const int8_t *r1 = m > 1 ? r0 + dim : r0;
        const int8_t *r2 = m > 2 ? r0 + 2 * dim : r1;
        ign_int8_dot4(r0, r1, r2, r2, query, dim, sums);
        for (size_t j = 0; j < m; j++) out[r + j] = scales[r + j] * sums[j];
    }
}

static inline __attribute__((always_inline)) float ign_int8_dot(const int8_t *row, const float *query,
                                                                size_t dim) {
#pragma clang fp reassociate(on) contract(fast)
    float acc = 0.0f;
    for (size_t i = 0; i < dim; i++) {
        acc += (float)row[i] * query[i];
    }
    return acc;
}

IGN_TARGET_CLONES
void ign_int8_scaled_dots_rowwise(const int8_t *codes, size_t rows, size_t dim, const float *query,
                                  const float *scales, float *out) {
#pragma clang loop unroll(disable) vectorize(disable)
    for (size_t r = 0; r < rows; r++) {
        out[r] = scales[r] * ign_int8_dot(codes + r * dim, query, dim);
    }
}

size_t ign_int8_scaled_dots_above(const int8_t *codes, size_t rows, size_t dim, const float *query,
                                  const float *scales, float threshold, float *out, uint32_t *rows_out) {
    ign_int8_scaled_dots(codes, rows, dim, query, scales, out);
    size_t kept = 0;
    for (size_t r = 0; r < rows; r++) {
        float v = out[r];
        out[kept] = v;
        rows_out[kept] = (uint32_t)r;
        kept += (v >= threshold);
    }
    return kept;
}

void ign_prefetch(const void *address, size_t bytes) {
    const char *p = (const char *)address;
    for (size_t offset = 0; offset < bytes; offset += 64) {
        __builtin_prefetch(p + offset, 0, 3);
    }
}

void ign_sparse_rows_axpy(const int64_t *offsets, const uint32_t *columns, const float *weights,
                          const uint32_t *rows, const float *row_weights, size_t count, float *scores) {
    // The rows sit far apart in memory and each is only a few cache lines long, too short for the
    // hardware prefetcher to catch up: ask for the row two ahead while adding this one.
    for (size_t i = 0; i < count && i < 2; i++) {
        const int64_t b = offsets[rows[i]], e = offsets[rows[i] + 1];
        ign_prefetch_inline(weights + b, (size_t)(e - b) * sizeof(float));
        ign_prefetch_inline(columns + b, (size_t)(e - b) * sizeof(uint32_t));
    }
    for (size_t i = 0; i < count; i++) {
        if (i + 2 < count) {
            const int64_t b = offsets[rows[i + 2]], e = offsets[rows[i + 2] + 1];
            ign_prefetch_inline(weights + b, (size_t)(e - b) * sizeof(float));
            ign_prefetch_inline(columns + b, (size_t)(e - b) * sizeof(uint32_t));
        }
        const int64_t b = offsets[rows[i]], e = offsets[rows[i] + 1];
        const float w = row_weights[i];
        for (int64_t k = b; k < e; k++) {
            const float product = w * weights[k];
            scores[columns[k]] += product;
        }
    }
}
