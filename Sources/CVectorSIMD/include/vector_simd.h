// Int8-code inner-product kernels and a bfloat16 matrix product, compiled for several x86 levels and picked at load time.
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

/// The same, inline (no call): for the few lines at the head of a list or a re-rank row.
static inline void ign_prefetch_inline(const void *address, size_t bytes) {
    const char *p = (const char *)address;
    for (size_t offset = 0; offset < bytes; offset += 64) __builtin_prefetch(p + offset, 0, 3);
}

/// scores[columns[k]] += row_weights[i] * weights[k] for every k in [offsets[rows[i]], offsets[rows[i] + 1]),
/// for i in [0, count) in order: a weighted sum of rows of a sparse matrix kept as offsets, columns and
/// weights (compressed rows), prefetching each row two ahead. Each product is rounded to float before
/// it is added (no fused multiply-add), so the sums equal the same loop written in Swift.
void ign_sparse_rows_axpy(const int64_t *offsets, const uint32_t *columns, const float *weights,
                          const uint32_t *rows, const float *row_weights, size_t count, float *scores);

/// Rows per block of the blocked code layout.
#define IGN_BLOCK_ROWS 16

/// Blocked layout of int8 code rows: rows go in blocks of IGN_BLOCK_ROWS; inside a block, for each
/// pair of dimensions j (dimension 2j and 2j+1; an odd last dimension is padded with a zero code),
/// the two codes of row r sit at byte 32*j + 2*r and 32*j + 2*r + 1. A block holds 32*pairs bytes.
/// A kernel then loads the codes of 16 rows for one pair of dimensions with one 32-byte load and
/// scores all 16 rows at once, with no horizontal sums.
///
/// The query comes as int16 values packed in pairs: query_pairs[j] = (uint16)q[2j] | (uint16)q[2j+1] << 16.
/// The caller bounds |q| so that 127 * sum|q| stays below 2^31 (no overflow in the int32 sums).
///
/// For every row r < rows: s = ((float)dot_r * qscale) * scales[r], where dot_r is the exact integer
/// sum of codes times query. Rows with s >= threshold are written, in row order, to out / rows_out.
/// Returns how many. The integer sums are exact, so every code path (AVX-512 VNNI, AVX2, plain C)
/// gives bit-identical scores wherever a row sits. `rows_out` and `out` need room for `rows` entries.
size_t ign_blocked_scaled_dots_above(const int8_t *blocks, size_t rows, size_t pairs, const int32_t *query_pairs,
                                     float qscale, const float *scales, float threshold, float *out,
                                     uint32_t *rows_out);

/// The same, on a chosen code path: 0 plain C, 1 AVX2, 2 AVX-512 (VNNI). A path the CPU lacks falls
/// back to the best one it has. For tests and benchmarks.
size_t ign_blocked_scaled_dots_above_path(int path, const int8_t *blocks, size_t rows, size_t pairs,
                                          const int32_t *query_pairs, float qscale, const float *scales,
                                          float threshold, float *out, uint32_t *rows_out);

/// The exact integer sums of rows [0, rows) of blocked codes with the packed int16 query, into
/// out[0, rows). `path` as above; a negative path means the best one.
void ign_blocked_dots_path(int path, const int8_t *blocks, size_t rows, size_t pairs, const int32_t *query_pairs,
                           int32_t *out);

/// Copies rows [0, rows) of blocked codes out to row-major order (`rows * dim` bytes at `out`).
void ign_unblock(const int8_t *blocks, size_t rows, size_t dim, int8_t *out);

/// The best code path this CPU supports (0 plain C, 1 AVX2, 2 AVX-512 VNNI).
int ign_blocked_best_path(void);

// The widest x86 vector level OpenBLAS's kernels may use here: 2 for AVX-512 (F, CD, BW, DQ, VL),
// 1 for AVX2 with FMA, 0 otherwise (and on other architectures).
int ign_cpu_vector_level(void);

/// Output columns per panel of the packed bfloat16 weight layout.
#define IGN_BF16_PANEL 32

/// A float rounded to bfloat16 (round to nearest, ties to even; subnormals to a signed zero, NaN stays NaN),
/// as the AVX-512 BF16 conversion instructions do.
uint16_t ign_bf16_round(float value);

/// 1 when this CPU runs the AVX-512 BF16 kernel of ign_bf16_gemm (avx512f/bw/vl + avx512_bf16), else 0.
int ign_bf16_supported(void);

/// Number of uint16 values of a packed n × k weight matrix: ceil(n / 32) panels × ceil(k / 2) pairs × 64.
size_t ign_bf16_packed_count(size_t n, size_t k);

/// Packs a row-major float matrix w[n][k] (PyTorch's [out, in] layout) to bfloat16 panels: columns go in
/// panels of IGN_BF16_PANEL; inside panel p, for each pair j of k (elements 2j and 2j+1), output column
/// p*32 + c has its two values at uint16 offset j*64 + 2c and j*64 + 2c + 1. Missing columns and an odd
/// last element are zero. One 64-byte load then holds one pair of 16 columns, the operand of vdpbf16ps.
void ign_bf16_pack(const float *w, size_t n, size_t k, uint16_t *packed);

/// y[m][n] = x[m][k] · Wᵀ + bias (bias may be NULL), W packed by ign_bf16_pack. x is rounded to bfloat16,
/// products of bfloat16 values are summed in float. `scratch` needs m * 2 * ceil(k / 2) uint16 values and is
/// 4-byte aligned. y must not overlap x. Each row's result does not depend on m or on the row's position.
/// Without AVX-512 BF16 a plain C loop computes the same products (slowly; for tests).
void ign_bf16_gemm(const float *x, size_t m, size_t k, const uint16_t *packed, size_t n, const float *bias, float *y,
                   uint16_t *scratch);

/// The same on a chosen path: 0 the plain C loop, anything else the AVX-512 BF16 kernel when the CPU has it.
/// For tests.
void ign_bf16_gemm_path(int path, const float *x, size_t m, size_t k, const uint16_t *packed, size_t n,
                        const float *bias, float *y, uint16_t *scratch);

#endif
