/* Internal: the per-element arithmetic of int16 ADD, SUB and MUL (TFLM's int16 paths use the same
 * generic reference arithmetic as int8: AddFunc/SubFunc with left_shift 15, MulElementwise; zero
 * points 0), shared by the elementwise and broadcasting kernels. */
#ifndef TF_BINARY_S16_H
#define TF_BINARY_S16_H

#include "tf_quant.h"
#include "tf_types.h"

/* TFLite AddFunc / SubFunc (sign = +1 / -1). */
static inline int16_t tf_add_sub_one_s16(const tf_add_params *p, int16_t x1, int16_t x2, int sign)
{
    const int32_t v1 = tf_shl_i32(p->input1_offset + x1, p->left_shift);
    const int32_t v2 = tf_shl_i32(p->input2_offset + x2, p->left_shift);
    const int32_t s1 = tf_mbqm_smaller_than_one(v1, p->input1_multiplier, p->input1_shift);
    const int32_t s2 = tf_mbqm_smaller_than_one(v2, p->input2_multiplier, p->input2_shift);
    const int32_t raw = sign > 0 ? s1 + s2 : s1 - s2;
    const int32_t o = tf_mbqm_smaller_than_one(raw, p->output_multiplier, p->output_shift) +
                      p->output_offset;
    return tf_sat_s16(o, p->activation.min, p->activation.max);
}

/* TFLite MulElementwise for int8. */
static inline int16_t tf_mul_one_s16(const tf_mul_params *p, int16_t x1, int16_t x2)
{
    const int32_t prod = (p->input1_offset + x1) * (p->input2_offset + x2);
    const int32_t o = p->output_offset + tf_mbqm(prod, p->output_multiplier, p->output_shift);
    return tf_sat_s16(o, p->activation.min, p->activation.max);
}

#endif
