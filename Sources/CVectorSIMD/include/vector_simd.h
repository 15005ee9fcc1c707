// Int8-code inner-product kernels, compiled for several x86 levels and picked at load time.
// Only VectorKernels imports this module.
#ifndef IGNITABULL_VECTOR_SIMD_H
#define IGNITABULL_VECTOR_SIMD_H

#include <stddef.h>
#include <stdint.h>

/// out[r] = scales[r] * sum_i codes[r * dim + i] * query[i], for r in [0, rows). Rows are done
/// four at a time, so the last bit of a row's score may depend on its position.
void ign_int8_scaled_dots(const int8_t *codes, size_t rows, size_t dim, const float *query,
                          const float *scales, float *out);

/// The same sums, each row computed by the same instruction sequence whatever its position, so
/// a row's score is bit-identical wherever it sits (used for exact scores). A little slower.
void ign_int8_scaled_dots_rowwise(const int8_t *codes, size_t rows, size_t dim, const float *query,
                                  const float *scales, float *out);

/// Like ign_int8_scaled_dots, then keeps only rows scoring at least `threshold`: their scores
/// and row numbers go to the front of `out` and `rows_out`. Returns how many were kept.
size_t ign_int8_scaled_dots_above(const int8_t *codes, size_t rows, size_t dim, const float *query,
                                  const float *scales, float threshold, float *out, uint32_t *rows_out);

/// Asks the CPU to start loading `bytes` bytes at `address` into cache (one hint per 64-byte line).
void ign_prefetch(const void *address, size_t bytes);

#endif
