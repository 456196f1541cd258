/* CMSIS-NN avg/max pooling vectors -> tf_avgpool_s8_nhwc / tf_maxpool_s8_nhwc (POOL_AVG or
 * POOL_MAX defined by the driver). PADDING_H/W are the top/left padding. */
#include "vec_common.h"
#include "test_data.h"

#define OUT_SIZE (V_BATCH_SIZE * V_OUTPUT_H * V_OUTPUT_W * V_OUTPUT_C)
static int8_t out[OUT_SIZE];

int main(void)
{
    tf_pool_params p;
    tf_dims in_d, out_d;
    p.stride.h = V_STRIDE_H;
    p.stride.w = V_STRIDE_W;
    p.filter.h = V_FILTER_H;
    p.filter.w = V_FILTER_W;
    p.padding.top = V_PADDING_H;
    p.padding.left = V_PADDING_W;
    p.activation.min = V_ACTIVATION_MIN;
    p.activation.max = V_ACTIVATION_MAX;
    in_d.n = V_BATCH_SIZE; in_d.h = V_INPUT_H; in_d.w = V_INPUT_W; in_d.c = V_INPUT_C;
    out_d.n = V_BATCH_SIZE; out_d.h = V_OUTPUT_H; out_d.w = V_OUTPUT_W; out_d.c = V_OUTPUT_C;
#ifdef POOL_AVG
    tf_avgpool_s8_nhwc(&p, &in_d, v_input_tensor, &out_d, out);
#else
    tf_maxpool_s8_nhwc(&p, &in_d, v_input_tensor, &out_d, out);
#endif
    return vec_compare_s8(VEC_NAME, out, v_output, OUT_SIZE);
}
