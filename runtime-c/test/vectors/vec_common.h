/* Shared by the CMSIS-NN vector runners. Each runner is compiled once per vector directory with
 * -include vec_map.h, which the driver script generates: V_<KEY> names the vector's config macro
 * <PREFIX>_<KEY>, v_<name> its array <prefix>_<name>, and HAS_<name> says the array exists. */
#ifndef VEC_COMMON_H
#define VEC_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "tf_kernels.h"

/* Kernel variant under test: VEC_DSP (ARMv7E-M DSP kernels) or VEC_MVE (Helium), chosen for the shapes the
 * compiler would choose them for; without either, the portable kernels. With a variant, every runner reports
 * the kernel it called as "KERNEL <vector> <function>" (run_cmsis_vectors_qemu.sh counts them). */
#if defined(VEC_DSP) || defined(VEC_MVE)
#define VEC_KERNEL(fn) printf("KERNEL %s %s\n", VEC_NAME, #fn)
#else
#define VEC_KERNEL(fn) ((void)0)
#endif

/* The MVE kernels' folded bias: bias[o] (0 without one) + input_offset * (sum of row o's n weights), where row o
 * is weights[o * row_stride + k * col_stride], k < n; int32 arithmetic that wraps, like the compiler's. */
static inline void vec_fold_bias(const int32_t *bias, int32_t input_offset, const int8_t *weights, int32_t rows, int32_t n,
                          int32_t row_stride, int32_t col_stride, int32_t *folded)
{
    int32_t o, k;
    for (o = 0; o < rows; ++o) {
        uint32_t sum = 0;
        for (k = 0; k < n; ++k) {
            sum += (uint32_t)(int32_t)weights[o * row_stride + k * col_stride];
        }
        folded[o] = (int32_t)((bias ? (uint32_t)bias[o] : 0u) + (uint32_t)input_offset * sum);
    }
}

static int vec_compare_s8(const char *name, const int8_t *got, const int8_t *want, int32_t n)
{
    int32_t i, bad = 0, first = -1;
    for (i = 0; i < n; ++i) {
        if (got[i] != want[i]) {
            if (first < 0) {
                first = i;
            }
            ++bad;
        }
    }
    if (bad == 0) {
        printf("PASS %s (%ld values)\n", name, (long)n);
        return 0;
    }
    printf("FAIL %s: %ld of %ld differ, first at %ld: got %d want %d\n", name, (long)bad,
           (long)n, (long)first, got[first], want[first]);
    return 1;
}

static int vec_compare_s16(const char *name, const int16_t *got, const int16_t *want, int32_t n)
{
    int32_t i, bad = 0, first = -1;
    for (i = 0; i < n; ++i) {
        if (got[i] != want[i]) {
            if (first < 0) {
                first = i;
            }
            ++bad;
        }
    }
    if (bad == 0) {
        printf("PASS %s (%ld int16 values)\n", name, (long)n);
        return 0;
    }
    printf("FAIL %s: %ld of %ld differ, first at %ld: got %d want %d\n", name, (long)bad,
           (long)n, (long)first, got[first], want[first]);
    return 1;
}

#endif
