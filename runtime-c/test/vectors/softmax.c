/* CMSIS-NN softmax vector -> tf_softmax_s8. */
#include "vec_common.h"
#include "test_data.h"

static int8_t out[V_DST_SIZE];

int main(void)
{
    tf_softmax_params p;
    p.input_multiplier = V_INPUT_MULT;
    p.input_left_shift = V_INPUT_LEFT_SHIFT;
    p.diff_min = V_DIFF_MIN;
    tf_softmax_s8(&p, V_NUM_ROWS, V_ROW_SIZE, v_input, out);
    return vec_compare_s8(VEC_NAME, out, v_output_ref, V_DST_SIZE);
}
