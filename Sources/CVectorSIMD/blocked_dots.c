#include "vector_simd.h"

#include <string.h>

#if defined(__x86_64__) && defined(__clang__)
#define IGN_X86 1
#include <immintrin.h>
#else
#define IGN_X86 0
#endif

// Writes the rows of one block whose score passes `threshold`; `valid` masks off padding rows.
static inline __attribute__((always_inline)) size_t ign_emit(const float *s, uint32_t mask, uint32_t base, float *out,
                                                            uint32_t *rows_out, size_t kept) {
    while (mask) {
        int b = __builtin_ctz(mask);
        out[kept] = s[b];
        rows_out[kept] = base + (uint32_t)b;
        kept++;
        mask &= mask - 1;
    }
    return kept;
}

// The scales of block `b`: straight from `scales`, or for a partial last block a zero-padded copy.
static inline __attribute__((always_inline)) const float *ign_block_scales(const float *scales, size_t b, size_t rows,
                                                                          float *pad) {
    size_t first = b * IGN_BLOCK_ROWS;
    if (first + IGN_BLOCK_ROWS <= rows) return scales + first;
    memset(pad, 0, IGN_BLOCK_ROWS * sizeof(float));
    memcpy(pad, scales + first, (rows - first) * sizeof(float));
    return pad;
}

static inline __attribute__((always_inline)) uint32_t ign_valid_mask(size_t b, size_t rows) {
    size_t left = rows - b * IGN_BLOCK_ROWS;
    return left >= IGN_BLOCK_ROWS ? 0xFFFFu : ((1u << left) - 1u);
}

static inline __attribute__((always_inline)) void ign_acc_plain(const int8_t *blk, size_t pairs, const int32_t *qp,
                                                                int32_t *acc) {
    for (int r = 0; r < IGN_BLOCK_ROWS; r++) acc[r] = 0;
    for (size_t j = 0; j < pairs; j++) {
        int32_t q0 = (int16_t)(qp[j] & 0xFFFF), q1 = (int16_t)((uint32_t)qp[j] >> 16);
        const int8_t *c = blk + j * 2 * IGN_BLOCK_ROWS;
        for (int r = 0; r < IGN_BLOCK_ROWS; r++) acc[r] += c[2 * r] * q0 + c[2 * r + 1] * q1;
    }
}

static void ign_dots_plain(const int8_t *blocks, size_t rows, size_t pairs, const int32_t *qp, int32_t *out) {
    size_t nblocks = (rows + IGN_BLOCK_ROWS - 1) / IGN_BLOCK_ROWS;
    for (size_t b = 0; b < nblocks; b++) {
        int32_t acc[IGN_BLOCK_ROWS];
        ign_acc_plain(blocks + b * pairs * 2 * IGN_BLOCK_ROWS, pairs, qp, acc);
        size_t n = rows - b * IGN_BLOCK_ROWS < IGN_BLOCK_ROWS ? rows - b * IGN_BLOCK_ROWS : IGN_BLOCK_ROWS;
        memcpy(out + b * IGN_BLOCK_ROWS, acc, n * sizeof(int32_t));
    }
}

static size_t ign_blocked_plain(const int8_t *blocks, size_t rows, size_t pairs, const int32_t *qp, float qscale,
                                const float *scales, float threshold, float *out, uint32_t *rows_out) {
    size_t nblocks = (rows + IGN_BLOCK_ROWS - 1) / IGN_BLOCK_ROWS;
    size_t kept = 0;
    float pad[IGN_BLOCK_ROWS];
    for (size_t b = 0; b < nblocks; b++) {
        int32_t acc[IGN_BLOCK_ROWS];
        ign_acc_plain(blocks + b * pairs * 2 * IGN_BLOCK_ROWS, pairs, qp, acc);
        const float *sc = ign_block_scales(scales, b, rows, pad);
        float s[IGN_BLOCK_ROWS];
        uint32_t mask = 0;
        for (int r = 0; r < IGN_BLOCK_ROWS; r++) {
            float v = (float)acc[r] * qscale;
            s[r] = v * sc[r];
            mask |= (uint32_t)(s[r] >= threshold) << r;
        }
        kept = ign_emit(s, mask & ign_valid_mask(b, rows), (uint32_t)(b * IGN_BLOCK_ROWS), out, rows_out, kept);
    }
    return kept;
}

#if IGN_X86
// Sums of one block on AVX2: rows 0-7 in *lo, rows 8-15 in *hi.
__attribute__((target("avx2,fma"))) static inline __attribute__((always_inline)) void
ign_acc_avx2(const int8_t *c, size_t pairs, const int32_t *qp, __m256i *lo, __m256i *hi) {
    __m256i a0 = _mm256_setzero_si256(), a1 = _mm256_setzero_si256();
    __m256i b0 = _mm256_setzero_si256(), b1 = _mm256_setzero_si256();
    size_t j = 0;
    for (; j + 2 <= pairs; j += 2, c += 64) {
        __m256i q = _mm256_set1_epi32(qp[j]);
        __m256i r = _mm256_set1_epi32(qp[j + 1]);
        a0 = _mm256_add_epi32(a0, _mm256_madd_epi16(_mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)c)), q));
        a1 = _mm256_add_epi32(a1,
                              _mm256_madd_epi16(_mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(c + 16))), q));
        b0 = _mm256_add_epi32(b0,
                              _mm256_madd_epi16(_mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(c + 32))), r));
        b1 = _mm256_add_epi32(b1,
                              _mm256_madd_epi16(_mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(c + 48))), r));
    }
    if (j < pairs) {
        __m256i q = _mm256_set1_epi32(qp[j]);
        a0 = _mm256_add_epi32(a0, _mm256_madd_epi16(_mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)c)), q));
        a1 = _mm256_add_epi32(a1,
                              _mm256_madd_epi16(_mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(c + 16))), q));
    }
    *lo = _mm256_add_epi32(a0, b0);
    *hi = _mm256_add_epi32(a1, b1);
}

__attribute__((target("avx2,fma"))) static void ign_dots_avx2(const int8_t *blocks, size_t rows, size_t pairs,
                                                              const int32_t *qp, int32_t *out) {
    size_t nblocks = (rows + IGN_BLOCK_ROWS - 1) / IGN_BLOCK_ROWS;
    for (size_t b = 0; b < nblocks; b++) {
        __m256i lo, hi;
        ign_acc_avx2(blocks + b * pairs * 2 * IGN_BLOCK_ROWS, pairs, qp, &lo, &hi);
        int32_t acc[IGN_BLOCK_ROWS];
        _mm256_storeu_si256((__m256i *)acc, lo);
        _mm256_storeu_si256((__m256i *)(acc + 8), hi);
        size_t n = rows - b * IGN_BLOCK_ROWS < IGN_BLOCK_ROWS ? rows - b * IGN_BLOCK_ROWS : IGN_BLOCK_ROWS;
        memcpy(out + b * IGN_BLOCK_ROWS, acc, n * sizeof(int32_t));
    }
}

__attribute__((target("avx2,fma"))) static size_t ign_blocked_avx2(const int8_t *blocks, size_t rows, size_t pairs,
                                                                   const int32_t *qp, float qscale, const float *scales,
                                                                   float threshold, float *out, uint32_t *rows_out) {
    size_t nblocks = (rows + IGN_BLOCK_ROWS - 1) / IGN_BLOCK_ROWS;
    size_t kept = 0;
    float pad[IGN_BLOCK_ROWS];
    const __m256 vq = _mm256_set1_ps(qscale), vt = _mm256_set1_ps(threshold);
    for (size_t b = 0; b < nblocks; b++) {
        __m256i a0, a1;
        ign_acc_avx2(blocks + b * pairs * 2 * IGN_BLOCK_ROWS, pairs, qp, &a0, &a1);
        const float *sc = ign_block_scales(scales, b, rows, pad);
        __m256 s0 = _mm256_mul_ps(_mm256_mul_ps(_mm256_cvtepi32_ps(a0), vq), _mm256_loadu_ps(sc));
        __m256 s1 = _mm256_mul_ps(_mm256_mul_ps(_mm256_cvtepi32_ps(a1), vq), _mm256_loadu_ps(sc + 8));
        uint32_t mask = (uint32_t)_mm256_movemask_ps(_mm256_cmp_ps(s0, vt, _CMP_GE_OQ)) |
                        (uint32_t)_mm256_movemask_ps(_mm256_cmp_ps(s1, vt, _CMP_GE_OQ)) << 8;
        mask &= ign_valid_mask(b, rows);
        if (mask) {
            float s[IGN_BLOCK_ROWS];
            _mm256_storeu_ps(s, s0);
            _mm256_storeu_ps(s + 8, s1);
            kept = ign_emit(s, mask, (uint32_t)(b * IGN_BLOCK_ROWS), out, rows_out, kept);
        }
    }
    return kept;
}

// Sums of one block on AVX-512 VNNI, one row per lane. Four independent sums hide the latency of vpdpwssd.
__attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni"))) static inline __attribute__((always_inline)) __m512i
ign_acc_avx512(const int8_t *c, size_t pairs, const int32_t *qp) {
    __m512i a = _mm512_setzero_si512(), a2 = _mm512_setzero_si512();
    __m512i a3 = _mm512_setzero_si512(), a4 = _mm512_setzero_si512();
    size_t j = 0;
    for (; j + 4 <= pairs; j += 4, c += 128) {
        a = _mm512_dpwssd_epi32(a, _mm512_cvtepi8_epi16(_mm256_loadu_si256((const __m256i *)c)),
                                _mm512_set1_epi32(qp[j]));
        a2 = _mm512_dpwssd_epi32(a2, _mm512_cvtepi8_epi16(_mm256_loadu_si256((const __m256i *)(c + 32))),
                                 _mm512_set1_epi32(qp[j + 1]));
        a3 = _mm512_dpwssd_epi32(a3, _mm512_cvtepi8_epi16(_mm256_loadu_si256((const __m256i *)(c + 64))),
                                 _mm512_set1_epi32(qp[j + 2]));
        a4 = _mm512_dpwssd_epi32(a4, _mm512_cvtepi8_epi16(_mm256_loadu_si256((const __m256i *)(c + 96))),
                                 _mm512_set1_epi32(qp[j + 3]));
    }
    for (; j < pairs; j++, c += 32) {
        a = _mm512_dpwssd_epi32(a, _mm512_cvtepi8_epi16(_mm256_loadu_si256((const __m256i *)c)),
                                _mm512_set1_epi32(qp[j]));
    }
    return _mm512_add_epi32(_mm512_add_epi32(a, a2), _mm512_add_epi32(a3, a4));
}

__attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni"))) static void
ign_dots_avx512(const int8_t *blocks, size_t rows, size_t pairs, const int32_t *qp, int32_t *out) {
    size_t nblocks = (rows + IGN_BLOCK_ROWS - 1) / IGN_BLOCK_ROWS;
    for (size_t b = 0; b < nblocks; b++) {
        __m512i a = ign_acc_avx512(blocks + b * pairs * 2 * IGN_BLOCK_ROWS, pairs, qp);
        _mm512_mask_storeu_epi32(out + b * IGN_BLOCK_ROWS, (__mmask16)ign_valid_mask(b, rows), a);
    }
}

__attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni"))) static size_t
ign_blocked_avx512(const int8_t *blocks, size_t rows, size_t pairs, const int32_t *qp, float qscale,
                   const float *scales, float threshold, float *out, uint32_t *rows_out) {
    size_t nblocks = (rows + IGN_BLOCK_ROWS - 1) / IGN_BLOCK_ROWS;
    size_t kept = 0;
    const __m512 vq = _mm512_set1_ps(qscale), vt = _mm512_set1_ps(threshold);
    const __m512i iota = _mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    for (size_t b = 0; b < nblocks; b++) {
        __m512i a = ign_acc_avx512(blocks + b * pairs * 2 * IGN_BLOCK_ROWS, pairs, qp);
        __mmask16 valid = (__mmask16)ign_valid_mask(b, rows);
        __m512 sc = _mm512_maskz_loadu_ps(valid, scales + b * IGN_BLOCK_ROWS);
        __m512 s = _mm512_mul_ps(_mm512_mul_ps(_mm512_cvtepi32_ps(a), vq), sc);
        __mmask16 mask = _mm512_mask_cmp_ps_mask(valid, s, vt, _CMP_GE_OQ);
        if (mask) {
            _mm512_mask_compressstoreu_ps(out + kept, mask, s);
            __m512i idx = _mm512_add_epi32(iota, _mm512_set1_epi32((int)(b * IGN_BLOCK_ROWS)));
            _mm512_mask_compressstoreu_epi32(rows_out + kept, mask, idx);
            kept += (size_t)__builtin_popcount((unsigned)mask);
        }
    }
    return kept;
}
#endif

static int ign_detect_path(void) {
#if IGN_X86
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl") &&
        __builtin_cpu_supports("avx512vnni"))
        return 2;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return 1;
#endif
    return 0;
}

int ign_cpu_vector_level(void) {
#if IGN_X86
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl"))
        return 2;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return 1;
#endif
    return 0;
}

int ign_blocked_best_path(void) {
    static int cached = -1;  // benign race: every thread computes the same value
    int p = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (p < 0) {
        p = ign_detect_path();
        __atomic_store_n(&cached, p, __ATOMIC_RELAXED);
    }
    return p;
}

size_t ign_blocked_scaled_dots_above_path(int path, const int8_t *blocks, size_t rows, size_t pairs,
                                          const int32_t *query_pairs, float qscale, const float *scales,
                                          float threshold, float *out, uint32_t *rows_out) {
    if (rows == 0) return 0;
    int best = ign_blocked_best_path();
    if (path > best) path = best;
#if IGN_X86
    if (path == 2)
        return ign_blocked_avx512(blocks, rows, pairs, query_pairs, qscale, scales, threshold, out, rows_out);
    if (path == 1) return ign_blocked_avx2(blocks, rows, pairs, query_pairs, qscale, scales, threshold, out, rows_out);
#endif
    return ign_blocked_plain(blocks, rows, pairs, query_pairs, qscale, scales, threshold, out, rows_out);
}

size_t ign_blocked_scaled_dots_above(const int8_t *blocks, size_t rows, size_t pairs, const int32_t *query_pairs,
                                     float qscale, const float *scales, float threshold, float *out,
                                     uint32_t *rows_out) {
    return ign_blocked_scaled_dots_above_path(ign_blocked_best_path(), blocks, rows, pairs, query_pairs, qscale,
                                              scales, threshold, out, rows_out);
}

void ign_blocked_dots_path(int path, const int8_t *blocks, size_t rows, size_t pairs, const int32_t *query_pairs,
                           int32_t *out) {
    if (rows == 0) return;
    int best = ign_blocked_best_path();
    if (path < 0 || path > best) path = best;
#if IGN_X86
    if (path == 2) {
        ign_dots_avx512(blocks, rows, pairs, query_pairs, out);
        return;
    }
    if (path == 1) {
        ign_dots_avx2(blocks, rows, pairs, query_pairs, out);
        return;
    }
#endif
    ign_dots_plain(blocks, rows, pairs, query_pairs, out);
}

void ign_unblock(const int8_t *blocks, size_t rows, size_t dim, int8_t *out) {
    size_t pairs = (dim + 1) / 2;
    size_t block_bytes = pairs * 2 * IGN_BLOCK_ROWS;
    for (size_t r = 0; r < rows; r++) {
        const int8_t *src = blocks + (r / IGN_BLOCK_ROWS) * block_bytes + (r % IGN_BLOCK_ROWS) * 2;
        int8_t *dst = out + r * dim;
        size_t i = 0;
        for (; i + 2 <= dim; i += 2, src += 2 * IGN_BLOCK_ROWS) {
            dst[i] = src[0];
            dst[i + 1] = src[1];
        }
        if (i < dim) dst[i] = src[0];
    }
}
