/* MEAN int8 as TFLM's EvalIntegerMean (reduce_common.cc):
 *  - same_quant == 0 (current TFLM, always): reference_ops::QuantizedMeanOrSum:
 *    (sum - zp_in * count) scaled by the multiplier with 1/count folded in at run time,
 *    + zp_out, clamped to int8;
 *  - same_quant != 0 (older TFLM, equal quantization): reference_ops::Mean<int8_t, int32_t>,
 *    the int32 sum of the raw values divided by the count with C's truncating division.
 * The sum is formed per output element; int32 wrap-around addition is order independent, so
 * this equals TFLM's scatter-add order. */
#include "tf_kernels.h"
#include "tf_quant.h"

/* Sum of the input elements that reduce into output element `out_index`. */
static int32_t reduced_sum(int32_t ndims, const int32_t *shape, uint32_t mask,
                           const int8_t *in, int32_t out_index)
{
    int32_t base[TF_MAX_DIMS];
    int32_t idx[TF_MAX_DIMS];
    int32_t stride[TF_MAX_DIMS];
    int32_t d, rem = out_index, offset = 0, s = 1;
    uint32_t sum = 0;

    for (d = ndims - 1; d >= 0; --d) {
        stride[d] = s;
        s *= shape[d];
    }
    /* Decompose the output index over the kept dimensions (row-major). */
    for (d = ndims - 1; d >= 0; --d) {
        if (mask & (1u << d)) {
            base[d] = 0;
        } else {
            base[d] = rem % shape[d];
            rem /= shape[d];
        }
        idx[d] = 0;
        offset += base[d] * stride[d];
    }
    /* Walk every combination of the reduced dimensions (an odometer). */
    for (;;) {
        int32_t off = offset;
        for (d = 0; d < ndims; ++d) {
            if (mask & (1u << d)) {
                off += idx[d] * stride[d];
            }
        }
        sum += (uint32_t)(int32_t)in[off];
        for (d = ndims - 1; d >= 0; --d) {
            if (!(mask & (1u << d))) {
                continue;
            }
            if (++idx[d] < shape[d]) {
                break;
            }
            idx[d] = 0;
        }
        if (d < 0) {
            break;
        }
    }
    return (int32_t)sum;
}

void tf_mean_s8(const tf_mean_params *params, int32_t ndims, const int32_t *in_shape,
                uint32_t reduce_mask, const int8_t *in, int8_t *out)
{
    int32_t d, count = 1, outputs = 1, o;
    int32_t multiplier = params->multiplier, shift = params->shift;

    for (d = 0; d < ndims; ++d) {
        if (reduce_mask & (1u << d)) {
            count *= in_shape[d];
        } else {
            outputs *= in_shape[d];
        }
    }
    if (count == 0) {
        return; /* TFLM leaves the (zeroed) output alone */
    }
    if (!params->same_quant) {
        /* Fold 1/count into the multiplier as QuantizedMeanOrSum does. */
        int32_t s = 0;
        while (((int64_t)1 << (s + 1)) <= (int64_t)count) {
            ++s; /* s = floor(log2(count)) = 63 - clz64(count) */
        }
        s = tf_min_i32(s, 32);
        s = tf_min_i32(s, 31 + shift);
        multiplier = (int32_t)((((int64_t)multiplier) << s) / (int64_t)count);
        shift = shift - s;
    }
    for (o = 0; o < outputs; ++o) {
        const int32_t sum = reduced_sum(ndims, in_shape, reduce_mask, in, o);
        if (params->same_quant) {
            out[o] = (int8_t)(sum / count);
        } else {
            const int32_t shifted = (int32_t)((uint32_t)sum -
                                              (uint32_t)(params->input_zero_point * count));
            const int32_t v = tf_mbqm(shifted, multiplier, shift) + params->output_zero_point;
            out[o] = tf_sat_s8(v, TF_INT8_MIN, TF_INT8_MAX);
        }
    }
}
