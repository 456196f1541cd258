/* CMSIS-NN maximum/minimum vectors -> tf_maximum_s8[_broadcast] / tf_minimum_s8[_broadcast]
 * (OP_MAXIMUM or OP_MINIMUM defined by the driver). */
#include "vec_common.h"
#include "test_data.h"

static int8_t out[V_DST_SIZE];

int main(void)
{
    tf_broadcast_shape s;
    s.in1.n = V_BATCH_1; s.in1.h = V_HEIGHT_1; s.in1.w = V_WIDTH_1; s.in1.c = V_CHANNEL_1;
    s.in2.n = V_BATCH_2; s.in2.h = V_HEIGHT_2; s.in2.w = V_WIDTH_2; s.in2.c = V_CHANNEL_2;
    s.out.n = V_OUTPUT_BATCH; s.out.h = V_OUTPUT_HEIGHT; s.out.w = V_OUTPUT_WIDTH;
    s.out.c = V_OUTPUT_CHANNEL;
#ifdef OP_MAXIMUM
    tf_maximum_s8_broadcast(&s, v_input_tensor_1, v_input_tensor_2, out);
#else
    tf_minimum_s8_broadcast(&s, v_input_tensor_1, v_input_tensor_2, out);
#endif
    return vec_compare_s8(VEC_NAME, out, v_output_ref, V_DST_SIZE);
}
