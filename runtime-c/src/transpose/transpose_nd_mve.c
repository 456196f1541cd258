/* TRANSPOSE of bytes for Helium (MVE): the permutations that move the last axis forward, perm = (0 .. a-1, n-1,
 * a .. n-2), i.e. [outer][P][C] -> [outer][C][P] (the NHWC -> NCHW step before a PyTorch model's spatial MEAN),
 * as 16 (P <= 17: byte offsets up to 255) or 8 (P <= 8191: 16-bit offsets) contiguous channels of one pixel loaded
 * and scattered to their rows with one store, channels past C predicated off. Every other permutation or element
 * size, and portable C where __ARM_FEATURE_MVE is absent: tf_transpose_nd (same bytes). Not in place. */
#include "tf_kernels.h"

#if defined(__ARM_FEATURE_MVE)
#include <arm_mve.h>

/* Whether perm moves the last axis to position a (and keeps the others in order); sets outer, p, c. */
static int last_axis_forward(int32_t ndims, const int32_t *shape, const int32_t *perm, int32_t *outer, int32_t *p,
                             int32_t *c)
{
    int32_t d, a = 0;
    while (a < ndims && perm[a] == a) ++a;
    if (a >= ndims - 1 || perm[a] != ndims - 1) return 0;
    for (d = a + 1; d < ndims; ++d) {
        if (perm[d] != d - 1) return 0;
    }
    *outer = 1;
    *p = 1;
    for (d = 0; d < a; ++d) *outer *= shape[d];
    for (d = a; d < ndims - 1; ++d) *p *= shape[d];
    *c = shape[ndims - 1];
    return 1;
}
#endif

void tf_transpose_nd_mve(int32_t ndims, const int32_t *in_shape, const int32_t *perm, size_t elem_size, const void *in,
                         void *out)
{
#if defined(__ARM_FEATURE_MVE)
    int32_t outer, p, c, o, k, ch;
    if (elem_size == 1 && last_axis_forward(ndims, in_shape, perm, &outer, &p, &c) && p <= 8191) {
        const int8_t *src = (const int8_t *)in;
        int8_t *dst = (int8_t *)out;
        if (p <= 17) {
            const uint8x16_t rows = vmulq_n_u8(vidupq_n_u8(0, 1), (uint8_t)p);
            for (o = 0; o < outer; ++o, src += p * c, dst += p * c) {
                for (k = 0; k < p; ++k) {
                    for (ch = 0; ch < c; ch += 16) {
                        const mve_pred16_t lanes = vctp8q((uint32_t)(c - ch));
                        vstrbq_scatter_offset_p_s8(dst + ch * p + k, rows, vldrbq_z_s8(src + k * c + ch, lanes), lanes);
                    }
                }
            }
        } else {
            const uint16x8_t rows = vmulq_n_u16(vidupq_n_u16(0, 1), (uint16_t)p);
            for (o = 0; o < outer; ++o, src += p * c, dst += p * c) {
                for (k = 0; k < p; ++k) {
                    for (ch = 0; ch < c; ch += 8) {
                        const mve_pred16_t lanes = vctp16q((uint32_t)(c - ch));
                        vstrbq_scatter_offset_p_s16(dst + ch * p + k, rows, vldrbq_z_s16(src + k * c + ch, lanes), lanes);
                    }
                }
            }
        }
        return;
    }
#endif
    tf_transpose_nd(ndims, in_shape, perm, elem_size, in, out);
}
