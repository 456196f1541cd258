/* CMSIS-NN depthwise vectors -> tf_depthwise_conv_s8_nhwc. With -DVEC_DSP: tf_depthwise_conv_s8_dsp where the
 * compiler picks it (ConvEmitter: 3x3/5x5/7x7, multiplier 1, dilation 1, or one input channel). With -DVEC_MVE
 * (MveKernels): one input channel -> tf_conv_s8_mve on the filter as M x H x W x 1; multiplier 1 ->
 * tf_depthwise_conv_s8_mve; both with the folded bias. */
#include "vec_common.h"
#include "test_data.h"

static int8_t out[V_DST_SIZE];

int main(void)
{
    tf_dw_conv_params p;
    tf_per_channel_quant q;
    tf_dims in_d, f_d, out_d;
    int32_t mult[V_OUT_CH], shift[V_OUT_CH];
    int32_t i;
    const int32_t nq = (int32_t)(sizeof(v_output_mult) / sizeof(v_output_mult[0]));
    for (i = 0; i < V_OUT_CH; ++i) {
        mult[i] = v_output_mult[nq == 1 ? 0 : i];
        shift[i] = v_output_shift[nq == 1 ? 0 : i];
    }
    p.input_offset = V_INPUT_OFFSET;
    p.output_offset = V_OUTPUT_OFFSET;
    p.depth_multiplier = V_CH_MULT;
    p.stride.h = V_STRIDE_Y;
    p.stride.w = V_STRIDE_X;
    p.dilation.h = V_DILATION_Y;
    p.dilation.w = V_DILATION_X;
    p.padding.top = V_PAD_Y;
    p.padding.left = V_PAD_X;
    p.activation.min = V_OUT_ACTIVATION_MIN;
    p.activation.max = V_OUT_ACTIVATION_MAX;
    q.multiplier = mult;
    q.shift = shift;
    in_d.n = V_INPUT_BATCHES; in_d.h = V_INPUT_H; in_d.w = V_INPUT_W; in_d.c = V_IN_CH;
    f_d.n = 1; f_d.h = V_FILTER_Y; f_d.w = V_FILTER_X; f_d.c = V_OUT_CH;
    out_d.n = V_INPUT_BATCHES; out_d.h = V_OUTPUT_H; out_d.w = V_OUTPUT_W; out_d.c = V_OUT_CH;
#ifdef HAS_biases
#define BIAS v_biases
#else
#define BIAS NULL
#endif
#if defined(VEC_DSP)
    if ((V_FILTER_X == V_FILTER_Y && (V_FILTER_X == 3 || V_FILTER_X == 5 || V_FILTER_X == 7) && V_CH_MULT == 1
         && V_DILATION_X == 1 && V_DILATION_Y == 1) || V_IN_CH == 1) {
        VEC_KERNEL(tf_depthwise_conv_s8_dsp);
        tf_depthwise_conv_s8_dsp(&p, &q, &in_d, v_input, &f_d, v_weights, BIAS, &out_d, out);
    } else
#elif defined(VEC_MVE)
    static int32_t folded[V_OUT_CH];
    vec_fold_bias(BIAS, V_INPUT_OFFSET, v_weights, V_OUT_CH, V_FILTER_X * V_FILTER_Y, 1, V_OUT_CH, folded);
    if (V_IN_CH == 1 && V_FILTER_X * V_FILTER_Y <= TF_CONV_MVE_MAX_COLUMN) {
        /* each output channel a plain convolution of the one input channel: OHWI filter M x H x W x 1 */
        static int8_t ohwi[V_OUT_CH * V_FILTER_Y * V_FILTER_X];
        const int32_t taps = V_FILTER_X * V_FILTER_Y;
        tf_conv_params c;
        int32_t o, t;
        for (o = 0; o < V_OUT_CH; ++o) {
            for (t = 0; t < taps; ++t) {
                ohwi[o * taps + t] = v_weights[t * V_OUT_CH + o];
            }
        }
        c.input_offset = p.input_offset;
        c.output_offset = p.output_offset;
        c.stride = p.stride;
        c.dilation = p.dilation;
        c.padding = p.padding;
        c.activation = p.activation;
        VEC_KERNEL(tf_conv_s8_mve);
        tf_conv_s8_mve(&c, &q, &in_d, v_input, &f_d, ohwi, folded, &out_d, out);
    } else if (V_CH_MULT == 1) {
        VEC_KERNEL(tf_depthwise_conv_s8_mve);
        tf_depthwise_conv_s8_mve(&p, &q, &in_d, v_input, &f_d, v_weights, BIAS, folded, &out_d, out);
    } else
#endif
    {
        VEC_KERNEL(tf_depthwise_conv_s8_nhwc);
        tf_depthwise_conv_s8_nhwc(&p, &q, &in_d, v_input, &f_d, v_weights, BIAS, &out_d, out);
    }
    return vec_compare_s8(VEC_NAME, out, v_output_ref, V_DST_SIZE);
}
