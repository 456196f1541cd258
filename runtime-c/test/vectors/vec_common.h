/* Shared by the CMSIS-NN vector runners. Each runner is compiled once per vector directory with
 * -include vec_map.h, which the driver script generates: V_<KEY> names the vector's config macro
 * <PREFIX>_<KEY>, v_<name> its array <prefix>_<name>, and HAS_<name> says the array exists. */
#ifndef VEC_COMMON_H
#define VEC_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "tf_kernels.h"

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
