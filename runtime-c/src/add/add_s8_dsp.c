/* ADD int8, elementwise (same shapes), for cores with the ARMv7E-M DSP extension (chosen with the board's DSP
 * kernels). Each input's rescaled value depends on its byte alone, so both are tabulated once per call (2 x 256
 * entries computed with the portable arithmetic of src/common/tf_binary_s8.h); per element two table loads,
 * an add, and the output rescale through tf_mbqm_rshift (one SMLAL) when output_shift <= -1. Same results as
 * tf_add_s8, which it calls for short tensors (where the tables cost more than they save) and on cores
 * without DSP. Reads in1[i] and in2[i] before writing out[i] (in place on either input is fine). */
#include "tf_kernels.h"
#include "tf_quant.h"

/* Below this many elements the 512 table entries cost more than they save. */
#define TF_ADD_DSP_MIN_SIZE 256

void tf_add_s8_dsp(const tf_add_params *params, int32_t size,
                   const int8_t *in1, const int8_t *in2, int8_t *out)
{
#if defined(__ARM_FEATURE_DSP)
    if (size >= TF_ADD_DSP_MIN_SIZE && params->output_shift <= -1) {
        int32_t t1[256], t2[256];
        const tf_rshift_quant q = tf_rshift_quant_of(params->output_multiplier, params->output_shift);
        const int32_t out_off = params->output_offset, act_min = params->activation.min, act_max = params->activation.max;
        int32_t i;
        for (i = 0; i < 256; ++i) {
            const int32_t x = i - 128;
            t1[i] = tf_mbqm_smaller_than_one(tf_shl_i32(params->input1_offset + x, params->left_shift),
                                             params->input1_multiplier, params->input1_shift);
            t2[i] = tf_mbqm_smaller_than_one(tf_shl_i32(params->input2_offset + x, params->left_shift),
                                             params->input2_multiplier, params->input2_shift);
        }
        for (i = 0; i < size; ++i) {
            const int32_t raw = t1[in1[i] + 128] + t2[in2[i] + 128];
            out[i] = tf_sat_s8(tf_mbqm_rshift(raw, &q) + out_off, act_min, act_max);
        }
        return;
    }
#endif
    tf_add_s8(params, size, in1, in2, out);
}
