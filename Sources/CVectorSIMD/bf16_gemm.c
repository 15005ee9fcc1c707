// y = x · Wᵀ + b with W held as bfloat16 in a panel layout for AVX-512 BF16 (`vdpbf16ps`).
// The x86 kernel is compiled for AVX-512 BF16 through function attributes and is only called
// after a run-time CPU check; the rest of the package builds for the baseline x86-64.
#include "vector_simd.h"

#include <string.h>

#if defined(__x86_64__) && defined(__clang__)
#define IGN_BF16_X86 1
#include <immintrin.h>
#else
#define IGN_BF16_X86 0
#endif

// Rows of x per micro-kernel call (the micro-kernel keeps 2 × IGN_BF16_ROWS accumulators).
#define IGN_BF16_ROWS 12
// Pairs of K per cache block: a panel's slice is 128 × IGN_BF16_KC_PAIRS bytes (48 KiB, in L2). Measured on Zen 4 for
// the encoder's shapes, 96 to 384 pairs and no blocking at all are within 3% of each other.
#ifndef IGN_BF16_KC_PAIRS
#define IGN_BF16_KC_PAIRS 384
#endif

uint16_t ign_bf16_round(float value) {
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    uint32_t exponent = bits & 0x7F800000u;
    if (exponent == 0x7F800000u) {
        // Infinity stays infinity; a NaN stays a (quiet) NaN.
        if (bits & 0x007FFFFFu) return (uint16_t)((bits >> 16) | 0x0040u);
        return (uint16_t)(bits >> 16);
    }
    // Subnormals become a signed zero, as the hardware conversion does.
    if (exponent == 0) return (uint16_t)((bits >> 16) & 0x8000u);
    uint32_t rounding = 0x7FFFu + ((bits >> 16) & 1u);
    return (uint16_t)((bits + rounding) >> 16);
}

size_t ign_bf16_packed_count(size_t n, size_t k) {
    size_t panels = (n + IGN_BF16_PANEL - 1) / IGN_BF16_PANEL;
    return panels * ((k + 1) / 2) * 2 * IGN_BF16_PANEL;
}

void ign_bf16_pack(const float *w, size_t n, size_t k, uint16_t *packed) {
    size_t pairs = (k + 1) / 2;
    size_t panels = (n + IGN_BF16_PANEL - 1) / IGN_BF16_PANEL;
    for (size_t p = 0; p < panels; p++) {
        uint16_t *panel = packed + p * pairs * 2 * IGN_BF16_PANEL;
        for (size_t j = 0; j < pairs; j++) {
            uint16_t *slot = panel + j * 2 * IGN_BF16_PANEL;
            for (size_t c = 0; c < IGN_BF16_PANEL; c++) {
                size_t column = p * IGN_BF16_PANEL + c;
                uint16_t even = 0, odd = 0;
                if (column < n) {
                    even = ign_bf16_round(w[column * k + 2 * j]);
                    if (2 * j + 1 < k) odd = ign_bf16_round(w[column * k + 2 * j + 1]);
                }
                slot[2 * c] = even;
                slot[2 * c + 1] = odd;
            }
        }
    }
}

int ign_bf16_supported(void) {
#if IGN_BF16_X86
    static int cached = -1;  // benign race: every thread computes the same value
    int s = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (s < 0) {
        s = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
            __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bf16");
        __atomic_store_n(&cached, s, __ATOMIC_RELAXED);
    }
    return s;
#else
    return 0;
#endif
}

#if IGN_BF16_X86
#define IGN_BF16_TARGET __attribute__((target("avx512f,avx512bw,avx512vl,avx512bf16")))

// Rows [0, m) of x (k floats each) to bf16 rows of `pairs` 32-bit pairs each; an odd k gets a zero last element.
IGN_BF16_TARGET static void ign_bf16_convert_rows(const float *x, size_t m, size_t k, uint16_t *out) {
    size_t width = 2 * ((k + 1) / 2);
    for (size_t r = 0; r < m; r++) {
        const float *row = x + r * k;
        uint16_t *dst = out + r * width;
        size_t i = 0;
        for (; i + 32 <= k; i += 32) {
            __m512 lo = _mm512_loadu_ps(row + i), hi = _mm512_loadu_ps(row + i + 16);
            _mm512_storeu_si512((void *)(dst + i), (__m512i)_mm512_cvtne2ps_pbh(hi, lo));
        }
        if (i < width) {
            size_t left = k - i;  // 0 < left < 32 elements of x; width - i more bf16 slots (left or left + 1)
            __mmask16 mlo = left >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << left) - 1u);
            __mmask16 mhi = left > 16 ? (__mmask16)((1u << (left - 16)) - 1u) : (__mmask16)0;
            __m512 lo = _mm512_maskz_loadu_ps(mlo, row + i), hi = _mm512_maskz_loadu_ps(mhi, row + i + 16);
            __m512i v = (__m512i)_mm512_cvtne2ps_pbh(hi, lo);
            size_t slots = width - i;
            __mmask32 mout = slots >= 32 ? (__mmask32)0xFFFFFFFFu : (__mmask32)((1u << slots) - 1u);
            _mm512_mask_storeu_epi16((void *)(dst + i), mout, v);
        }
    }
}

// One micro-tile: `ROWS` rows of x (bf16, row stride `xs` pairs) times one 32-column panel slice
// of `pairs` pairs. Accumulators start from the bias (first K block) or from y, and end in y.
#define IGN_BF16_TILE(ROWS)                                                                                        \
    IGN_BF16_TARGET static void ign_bf16_tile_##ROWS(const uint32_t *x, size_t xs, const uint16_t *panel,          \
                                                     size_t pairs, const float *bias, float *y, size_t ys,       \
                                                     __mmask16 m0, __mmask16 m1) {                                \
        __m512 c0[ROWS], c1[ROWS];                                                                                  \
        if (bias) {                                                                                                 \
            __m512 b0 = _mm512_maskz_loadu_ps(m0, bias), b1 = _mm512_maskz_loadu_ps(m1, bias + 16);              \
            _Pragma("unroll")                                                                                      \
            for (int r = 0; r < ROWS; r++) {                                                                        \
                c0[r] = b0;                                                                                         \
                c1[r] = b1;                                                                                         \
            }                                                                                                       \
        } else {                                                                                                    \
            _Pragma("unroll")                                                                                      \
            for (int r = 0; r < ROWS; r++) {                                                                        \
                c0[r] = _mm512_maskz_loadu_ps(m0, y + r * ys);                                                      \
                c1[r] = _mm512_maskz_loadu_ps(m1, y + r * ys + 16);                                                 \
            }                                                                                                       \
        }                                                                                                           \
        for (size_t j = 0; j < pairs; j++) {                                                                        \
            __m512bh w0 = (__m512bh)_mm512_loadu_si512((const void *)(panel + j * 64));                            \
            __m512bh w1 = (__m512bh)_mm512_loadu_si512((const void *)(panel + j * 64 + 32));                       \
            _Pragma("unroll")                                                                                      \
            for (int r = 0; r < ROWS; r++) {                                                                        \
                __m512bh v = (__m512bh)_mm512_set1_epi32((int)x[r * xs + j]);                                      \
                c0[r] = _mm512_dpbf16_ps(c0[r], w0, v);                                                             \
                c1[r] = _mm512_dpbf16_ps(c1[r], w1, v);                                                             \
            }                                                                                                       \
        }                                                                                                           \
        _Pragma("unroll")                                                                                          \
        for (int r = 0; r < ROWS; r++) {                                                                            \
            _mm512_mask_storeu_ps(y + r * ys, m0, c0[r]);                                                           \
            _mm512_mask_storeu_ps(y + r * ys + 16, m1, c1[r]);                                                      \
        }                                                                                                           \
    }

IGN_BF16_TILE(1)
IGN_BF16_TILE(2)
IGN_BF16_TILE(3)
IGN_BF16_TILE(4)
IGN_BF16_TILE(5)
IGN_BF16_TILE(6)
IGN_BF16_TILE(7)
IGN_BF16_TILE(8)
IGN_BF16_TILE(9)
IGN_BF16_TILE(10)
IGN_BF16_TILE(11)
IGN_BF16_TILE(12)

typedef void (*ign_bf16_tile_fn)(const uint32_t *, size_t, const uint16_t *, size_t, const float *, float *, size_t,
                                 __mmask16, __mmask16);

static const ign_bf16_tile_fn ign_bf16_tiles[IGN_BF16_ROWS + 1] = {
    0,
    ign_bf16_tile_1,
    ign_bf16_tile_2,
    ign_bf16_tile_3,
    ign_bf16_tile_4,
    ign_bf16_tile_5,
    ign_bf16_tile_6,
    ign_bf16_tile_7,
    ign_bf16_tile_8,
    ign_bf16_tile_9,
    ign_bf16_tile_10,
    ign_bf16_tile_11,
    ign_bf16_tile_12,
};

IGN_BF16_TARGET static void ign_bf16_gemm_avx512(const float *x, size_t m, size_t k, const uint16_t *packed, size_t n,
                                                 const float *bias, float *y, uint16_t *scratch) {
    size_t pairs = (k + 1) / 2;
    ign_bf16_convert_rows(x, m, k, scratch);
    const uint32_t *xp = (const uint32_t *)(const void *)scratch;
    size_t panels = (n + IGN_BF16_PANEL - 1) / IGN_BF16_PANEL;
    for (size_t kb = 0; kb < pairs; kb += IGN_BF16_KC_PAIRS) {
        size_t kc = pairs - kb < IGN_BF16_KC_PAIRS ? pairs - kb : IGN_BF16_KC_PAIRS;
        for (size_t p = 0; p < panels; p++) {
            size_t column = p * IGN_BF16_PANEL;
            size_t cols = n - column < IGN_BF16_PANEL ? n - column : IGN_BF16_PANEL;
            __mmask16 m0 = cols >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << cols) - 1u);
            __mmask16 m1 = cols >= 32 ? (__mmask16)0xFFFF
                           : cols > 16 ? (__mmask16)((1u << (cols - 16)) - 1u)
                                       : (__mmask16)0;
            const uint16_t *slice = packed + p * pairs * 2 * IGN_BF16_PANEL + kb * 2 * IGN_BF16_PANEL;
            const float *b = kb == 0 ? (bias ? bias + column : 0) : 0;
            // Without a bias the first K block starts from zero: clear y's tile first.
            if (kb == 0 && !bias)
                for (size_t r = 0; r < m; r++) memset(y + r * n + column, 0, cols * sizeof(float));
            for (size_t i = 0; i < m; i += IGN_BF16_ROWS) {
                size_t rows = m - i < IGN_BF16_ROWS ? m - i : IGN_BF16_ROWS;
                ign_bf16_tiles[rows](xp + i * pairs + kb, pairs, slice, kc, b, y + i * n + column, n, m0, m1);
            }
        }
    }
}
#endif

// Plain C: the same products of bf16-rounded inputs, summed in float (for CPUs without BF16, and k == 0).
static void ign_bf16_gemm_plain(const float *x, size_t m, size_t k, const uint16_t *packed, size_t n,
                                const float *bias, float *y) {
    size_t pairs = (k + 1) / 2;
    for (size_t r = 0; r < m; r++) {
        for (size_t c = 0; c < n; c++) {
            const uint16_t *panel = packed + (c / IGN_BF16_PANEL) * pairs * 2 * IGN_BF16_PANEL;
            size_t lane = c % IGN_BF16_PANEL;
            float sum = bias ? bias[c] : 0;
            for (size_t j = 0; j < pairs; j++) {
                uint32_t w0 = (uint32_t)panel[j * 2 * IGN_BF16_PANEL + 2 * lane] << 16;
                uint32_t w1 = (uint32_t)panel[j * 2 * IGN_BF16_PANEL + 2 * lane + 1] << 16;
                uint32_t a0 = (uint32_t)ign_bf16_round(x[r * k + 2 * j]) << 16;
                uint32_t a1 = 2 * j + 1 < k ? (uint32_t)ign_bf16_round(x[r * k + 2 * j + 1]) << 16 : 0;
                float fw0, fw1, fa0, fa1;
                memcpy(&fw0, &w0, 4);
                memcpy(&fw1, &w1, 4);
                memcpy(&fa0, &a0, 4);
                memcpy(&fa1, &a1, 4);
                sum += fa0 * fw0 + fa1 * fw1;
            }
            y[r * n + c] = sum;
        }
    }
}

void ign_bf16_gemm_path(int path, const float *x, size_t m, size_t k, const uint16_t *packed, size_t n,
                        const float *bias, float *y, uint16_t *scratch) {
    if (m == 0 || n == 0) return;
#if IGN_BF16_X86
    if (path != 0 && ign_bf16_supported() && k > 0) {
        ign_bf16_gemm_avx512(x, m, k, packed, n, bias, y, scratch);
        return;
    }
#endif
    (void)path;
    (void)scratch;
    ign_bf16_gemm_plain(x, m, k, packed, n, bias, y);
}

void ign_bf16_gemm(const float *x, size_t m, size_t k, const uint16_t *packed, size_t n, const float *bias, float *y,
                   uint16_t *scratch) {
    ign_bf16_gemm_path(1, x, m, k, packed, n, bias, y, scratch);
}
