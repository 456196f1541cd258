/* CMSIS-NN pad vectors -> tf_pad_nd with a 1-byte element. */
#include "vec_common.h"
#include "test_data.h"

static int8_t out[V_OUTPUT_SIZE];

int main(void)
{
    const int32_t shape[4] = {V_INPUT_N, V_INPUT_H, V_INPUT_W, V_INPUT_C};
    const int32_t pre[4] = {V_PRE_PAD_N, V_PRE_PAD_H, V_PRE_PAD_W, V_PRE_PAD_C};
    const int32_t post[4] = {V_POST_PAD_N, V_POST_PAD_H, V_POST_PAD_W, V_POST_PAD_C};
    const int8_t pad_value = V_PAD_VALUE;
    tf_pad_nd(4, shape, pre, post, 1, &pad_value, v_input_tensor, out);
    return vec_compare_s8(VEC_NAME, out, v_output, V_OUTPUT_SIZE);
}
