/* CMSIS-NN add vector -> tf_add_s8 (tf_add_s8_dsp with -DVEC_DSP, tf_add_s8_mve with -DVEC_MVE, as the compiler
 * picks them) and the portable broadcast form with equal shapes. */
#include "vec_common.h"
#include "test_data.h"

static int8_t out[V_DST_SIZE];
static int8_t out_b[V_DST_SIZE];

int main(void)
{
    tf_add_params p;
    tf_broadcast_shape s;
    p.left_shift = V_LEFT_SHIFT;
    p.input1_offset = V_INPUT1_OFFSET;
    p.input1_multiplier = V_INPUT1_MULT;
    p.input1_shift = V_INPUT1_SHIFT;
    p.input2_offset = V_INPUT2_OFFSET;
    p.input2_multiplier = V_INPUT2_MULT;
    p.input2_shift = V_INPUT2_SHIFT;
    p.output_offset = V_OUTPUT_OFFSET;
    p.output_multiplier = V_OUTPUT_MULT;
    p.output_shift = V_OUTPUT_SHIFT;
    p.activation.min = V_OUT_ACTIVATION_MIN;
    p.activation.max = V_OUT_ACTIVATION_MAX;
#if defined(VEC_DSP)
    VEC_KERNEL(tf_add_s8_dsp);
    tf_add_s8_dsp(&p, V_DST_SIZE, v_input1, v_input2, out);
#elif defined(VEC_MVE)
    VEC_KERNEL(tf_add_s8_mve);
    tf_add_s8_mve(&p, V_DST_SIZE, v_input1, v_input2, out);
#else
    tf_add_s8(&p, V_DST_SIZE, v_input1, v_input2, out);
#endif
    s.in1.n = 1; s.in1.h = 1; s.in1.w = 1; s.in1.c = V_DST_SIZE;
    s.in2 = s.in1;
    s.out = s.in1;
    tf_add_s8_broadcast(&p, &s, v_input1, v_input2, out_b);
    return vec_compare_s8(VEC_NAME, out, v_output_ref, V_DST_SIZE) |
           vec_compare_s8(VEC_NAME " (broadcast form)", out_b, v_output_ref, V_DST_SIZE);
}
