/* FULLY_CONNECTED int8 with symmetric weights (filter_offset 0, as TFLite's int8 FC has) over weights packed by the
 * compiler four output rows at a time (tf_kernels.h gives the layout), for cores with the ARMv7E-M DSP extension.
 * Per group of 4 inputs: one load and two SXTB16 of the input serve the four rows, then per row one word load, two
 * SXTB16 and two SMLAD (23 instructions per 16 MACs, no row pointer but one). The input offset is folded into the
 * bias by the compiler (folded_bias[o] = bias[o] + input_offset * sum_i w[o][i]), so the raw input bytes are
 * multiplied; int32 sums wrap alike in any order, so the results equal tf_fully_connected_s8's. Requantization:
 * one SMLAL with the output offset folded where every shift is in [-24, -1], else the portable helper. Without DSP
 * the same packed layout is read by plain C. */
#include <string.h>

#include "tf_kernels.h"
#include "tf_quant.h"

#if defined(__ARM_FEATURE_DSP)
#include "../common/tf_dsp_s8.h"
#endif

/* The input bytes of group g (inputs 4g .. 4g + 3) as one little-endian word, zero past in_depth. */
static inline int32_t fc_input_word(const int8_t *x, int32_t in_depth, int32_t g)
{
    int32_t v = 0;
    const int32_t n = in_depth - 4 * g;
    memcpy(&v, x + 4 * g, (size_t)(n < 4 ? n : 4));
    return v;
}

#if defined(__ARM_FEATURE_DSP)
/* s[r] += the dot product of input word xv (4 inputs) with row r's word w[r] of a packed block, r = 0..3. */
static inline __attribute__((always_inline)) void fc_step4_dsp(int32_t xv, const int32_t *w, int32_t *s0, int32_t *s1,
                                                               int32_t *s2, int32_t *s3)
{
    const int32_t xe = __sxtb16(xv), xo = tf_dsp_sxtb16_ror8(xv);
    *s0 = __smlad(xo, tf_dsp_sxtb16_ror8(w[0]), __smlad(xe, __sxtb16(w[0]), *s0));
    *s1 = __smlad(xo, tf_dsp_sxtb16_ror8(w[1]), __smlad(xe, __sxtb16(w[1]), *s1));
    *s2 = __smlad(xo, tf_dsp_sxtb16_ror8(w[2]), __smlad(xe, __sxtb16(w[2]), *s2));
    *s3 = __smlad(xo, tf_dsp_sxtb16_ror8(w[3]), __smlad(xe, __sxtb16(w[3]), *s3));
}

/* s[r] += row r's dot product with the input, rows 4k .. 4k + 3 of the packed block w. */
static inline __attribute__((always_inline)) void fc_block4_dsp(const int8_t *x, int32_t in_depth, const int32_t *w,
                                                                int32_t s[4])
{
    const int8_t *const x_full = x + (in_depth & ~3);
    int32_t s0 = s[0], s1 = s[1], s2 = s[2], s3 = s[3];
    for (; x != x_full; x += 4, w += 4) {
        fc_step4_dsp(tf_dsp_load4(x), w, &s0, &s1, &s2, &s3);
    }
    if (in_depth & 3) { /* the last 1 to 3 inputs */
        fc_step4_dsp(fc_input_word(x, in_depth & 3, 0), w, &s0, &s1, &s2, &s3);
    }
    s[0] = s0;
    s[1] = s1;
    s[2] = s2;
    s[3] = s3;
}

/* One batch row with the DSP block; fast: the requantization form (a constant after inlining). */
static inline __attribute__((always_inline)) void fc_row_dsp(const tf_dsp_requant *r, const int8_t *x, int32_t in_depth,
                                                             int32_t out_depth, const int32_t *packed, int8_t *y,
                                                             const int fast)
{
    const int32_t groups = (in_depth + 3) / 4;
    int32_t k, j;
    for (k = 0; 4 * k < out_depth; ++k) {
        int32_t s[4];
        for (j = 0; j < 4; ++j) {
            s[j] = 4 * k + j < out_depth ? r->bias[4 * k + j] : 0;
        }
        fc_block4_dsp(x, in_depth, packed + 4 * k * groups, s);
        for (j = 0; j < 4 && 4 * k + j < out_depth; ++j) {
            const tf_dsp_chan c = tf_dsp_chan_of(r, 4 * k + j, fast);
            y[4 * k + j] = tf_dsp_out_s8(r, &c, s[j], fast);
        }
    }
}
#endif

void tf_fully_connected_s8_dsp(const tf_fc_params *params, const tf_per_channel_quant *quant,
                               int32_t batches, int32_t in_depth, const int8_t *in,
                               int32_t out_depth, const int32_t *packed_weights, const int32_t *folded_bias,
                               int8_t *out)
{
    int32_t b;
#if defined(__ARM_FEATURE_DSP)
    tf_conv_params conv;
    tf_dsp_requant r;
    conv.input_offset = 0; /* folded into the bias */
    conv.output_offset = params->output_offset;
    conv.activation = params->activation;
    r = tf_dsp_requant_of(&conv, quant, folded_bias, out_depth);
    for (b = 0; b < batches; ++b) {
        if (r.fast) {
            fc_row_dsp(&r, in + b * in_depth, in_depth, out_depth, packed_weights, out + b * out_depth, 1);
        } else {
            fc_row_dsp(&r, in + b * in_depth, in_depth, out_depth, packed_weights, out + b * out_depth, 0);
        }
    }
#else
    const int32_t groups = (in_depth + 3) / 4;
    for (b = 0; b < batches; ++b) {
        const int8_t *x = in + b * in_depth;
        int32_t o, g, i;
        for (o = 0; o < out_depth; ++o) {
            const int32_t *w = packed_weights + (o / 4) * 4 * groups + o % 4;
            int32_t acc = folded_bias[o];
            for (g = 0; g < groups; ++g) {
                const int32_t xv = fc_input_word(x, in_depth, g), wv = w[4 * g];
                for (i = 0; i < 4; ++i) {
                    acc += (int32_t)(int8_t)(xv >> (8 * i)) * (int32_t)(int8_t)(wv >> (8 * i));
                }
            }
            out[b * out_depth + o] = tf_requant_s8(acc, quant->multiplier[o], quant->shift[o], params->output_offset,
                                                   params->activation.min, params->activation.max);
        }
    }
#endif
}
