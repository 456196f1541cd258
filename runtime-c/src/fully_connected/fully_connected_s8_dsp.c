/* FULLY_CONNECTED int8 for cores with the ARMv7E-M DSP extension: with symmetric weights (filter_offset 0, as
 * TFLite's int8 FC has) and every shift in [-24, -1], two output rows at a time per input row (SXTAB16 of the
 * input with its offset, SXTB16 of the weights, SMLAD; common/tf_dsp_s8.h), accumulators starting at the bias,
 * requantization with one SMLAL (output offset folded). Anything else, and cores without DSP, go to
 * tf_fully_connected_s8. Same results. */
#include "tf_kernels.h"
#include "tf_quant.h"

#if defined(__ARM_FEATURE_DSP)
#include "../common/tf_dsp_s8.h"
#endif

void tf_fully_connected_s8_dsp(const tf_fc_params *params, const tf_per_channel_quant *quant,
                               int32_t batches, int32_t in_depth, const int8_t *in,
                               int32_t out_depth, const int8_t *weights, const int32_t *bias,
                               int8_t *out)
{
#if defined(__ARM_FEATURE_DSP)
    if (params->filter_offset == 0) {
        tf_conv_params conv;
        tf_dsp_requant r;
        conv.input_offset = params->input_offset;
        conv.output_offset = params->output_offset;
        conv.activation = params->activation;
        r = tf_dsp_requant_of(&conv, quant, bias, out_depth);
        if (r.fast) {
            int32_t b, o;
            for (b = 0; b < batches; ++b) {
                const int8_t *x = in + b * in_depth;
                int8_t *y = out + b * out_depth;
                for (o = 0; o < out_depth; o += 2) {
                    /* an odd last row paired with itself, its second result dropped */
                    const int32_t has1 = o + 1 < out_depth;
                    const int8_t *w0 = weights + o * in_depth, *w1 = has1 ? w0 + in_depth : w0;
                    const tf_dsp_chan c0 = tf_dsp_chan_of(&r, o, 1), c1 = tf_dsp_chan_of(&r, has1 ? o + 1 : o, 1);
                    int32_t a0 = c0.bias, a1 = c1.bias;
                    tf_dsp_dot_1x2_s8(x, w0, w1, in_depth, r.input_offset, &a0, &a1);
                    y[o] = tf_dsp_out_s8(&r, &c0, a0, 1);
                    if (has1) {
                        y[o + 1] = tf_dsp_out_s8(&r, &c1, a1, 1);
                    }
                }
            }
            return;
        }
    }
#endif
    tf_fully_connected_s8(params, quant, batches, in_depth, in, out_depth, weights, bias, out);
}
