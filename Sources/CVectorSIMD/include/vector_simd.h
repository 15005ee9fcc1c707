// Int8-code inner-product kernels, compiled for several x86 levels and picked at load time.
// Only VectorKernels imports this module.
#ifndef IGNITABULL_VECTOR_SIMD_H
#define IGNITABULL_VECTOR_SIMD_H

#include <stddef.h>
#include <stdint.h>

/// out[r] = scales[r] * sum_i codes[r * dim + i] * query[i], for r in [0, rows).
void ign_int8_scaled_dots(const int8_t *codes, size_t rows, size_t dim, const float *query,
                          const float *scales, float *out);

#endif
