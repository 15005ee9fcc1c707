#include "vector_simd.h"

// Function multi-versioning: the compiler emits an AVX-512, an AVX2+FMA and a baseline copy
// of the loop and the loader picks the best one for the running CPU (the plain loop is
// auto-vectorised in each copy).
#if defined(__x86_64__) && defined(__clang__) && defined(__linux__)
#define IGN_TARGET_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define IGN_TARGET_CLONES
#endif

// The sum may be reassociated, so each target copy vectorises it across its register width
// (a 512-bit main loop plus a 256-bit epilogue for 50 codes on AVX-512).
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
void ign_int8_scaled_dots(const int8_t *codes, size_t rows, size_t dim, const float *query,
                          const float *scales, float *out) {
    for (size_t r = 0; r < rows; r++) {
        out[r] = scales[r] * ign_int8_dot(codes + r * dim, query, dim);
    }
}
