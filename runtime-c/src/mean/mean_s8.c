/* MEAN int8 as TFLM's EvalIntegerMean (reduce_common.cc):
 *  - same_quant == 0 (current TFLM, always): reference_ops::QuantizedMeanOrSum:
 *    (sum - zp_in * count) scaled by the multiplier with 1/count folded in at run time,
 *    + zp_out, clamped to int8;
 *  - same_quant != 0 (older TFLM, equal quantization): reference_ops::Mean<int8_t, int32_t>,
 *    the int32 sum of the raw values divided by the count with C's truncating division.
 * The sum is formed per output element; int32 wrap-around addition is order independent, so
 * this equals TFLM's scatter-add order.
 *
 * Fast path: when the reduced axes (ignoring size-1 ones) are one contiguous run, the input is
 * [outer, reduce, inner] and output (o, i) sums in[o][r][i] over r (the squeeze-and-excitation MEANs
 * over H, W or H*W of NHWC). The sums are then formed a block of channels at a time over the pixels:
 * ARMv7E-M DSP: 8 channels in four 16-bit-pair accumulators (SXTAB16, two bytes per instruction);
 * Helium: 16 channels in two int16x8 accumulators; portable C: a row of int32 sums. The 16-bit partial
 * sums cover at most 256 pixels (|sum| <= 256 * 128 = 2^15 fits int16 exactly) before they are added
 * into int32, so every sum is exact. Other axis sets take the generic odometer walk. */
#include "tf_kernels.h"
#include "tf_quant.h"
#if defined(__ARM_FEATURE_SAT)
#include <arm_acle.h>
#endif

#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)
#include <arm_mve.h>
#define TF_MEAN_BLOCK 16
#elif defined(__ARM_FEATURE_DSP)
#include "../common/tf_dsp_s8.h"
#define TF_MEAN_BLOCK 8
#else
#define TF_MEAN_BLOCK 16
#endif

/* Pixels per 16-bit partial sum: 256 * (-128) = -2^15 is the extreme, still an int16. */
#define TF_MEAN_CHUNK 256

/* Sum of the input elements that reduce into output element `out_index` (any axis set). */
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

/* The input as [outer, reduce, inner] when the reduced axes of size > 1 are one contiguous run; 0 otherwise. */
static int contiguous_run(int32_t ndims, const int32_t *shape, uint32_t mask, int32_t *outer, int32_t *reduce,
                          int32_t *inner)
{
    int32_t d, state = 0; /* 0: before the run, 1: inside, 2: after */
    *outer = 1;
    *reduce = 1;
    *inner = 1;
    for (d = 0; d < ndims; ++d) {
        const int reduced = (mask & (1u << d)) != 0;
        if (shape[d] == 1) {
            continue;
        }
        if (reduced) {
            if (state == 2) {
                return 0;
            }
            state = 1;
            *reduce *= shape[d];
        } else if (state == 0) {
            *outer *= shape[d];
        } else {
            state = 2;
            *inner *= shape[d];
        }
    }
    return 1;
}

/* sums[j] = sum over r < reduce of p[r * stride + j], j < width <= TF_MEAN_BLOCK (wrapping int32). */
static void block_sums(const int8_t *p, int32_t reduce, int32_t stride, int32_t width, int32_t *sums)
{
    int32_t j, r;
    for (j = 0; j < width; ++j) {
        sums[j] = 0;
    }
#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)
    if (width == TF_MEAN_BLOCK) {
        while (reduce > 0) {
            const int32_t n = reduce < TF_MEAN_CHUNK ? reduce : TF_MEAN_CHUNK;
            int16x8_t a0 = vdupq_n_s16(0), a1 = vdupq_n_s16(0);
            int16_t part[TF_MEAN_BLOCK];
            for (r = 0; r < n; ++r, p += stride) {
                a0 = vaddq_s16(a0, vldrbq_s16(p));
                a1 = vaddq_s16(a1, vldrbq_s16(p + 8));
            }
            vst1q_s16(part, a0);
            vst1q_s16(part + 8, a1);
            for (j = 0; j < TF_MEAN_BLOCK; ++j) {
                sums[j] += part[j];
            }
            reduce -= n;
        }
        return;
    }
#elif defined(__ARM_FEATURE_DSP)
    if (width == TF_MEAN_BLOCK) {
        while (reduce > 0) {
            const int32_t n = reduce < TF_MEAN_CHUNK ? reduce : TF_MEAN_CHUNK;
            /* a0: channels 0 and 2 (low, high half), a1: 1 and 3, a2: 4 and 6, a3: 5 and 7 */
            int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            for (r = 0; r < n; ++r, p += stride) {
                const int32_t w0 = tf_dsp_load4(p), w1 = tf_dsp_load4(p + 4);
                a0 = __sxtab16(a0, w0);
                a1 = tf_dsp_sxtab16_ror8(a1, w0);
                a2 = __sxtab16(a2, w1);
                a3 = tf_dsp_sxtab16_ror8(a3, w1);
            }
            sums[0] += (int16_t)a0;
            sums[1] += (int16_t)a1;
            sums[2] += a0 >> 16;
            sums[3] += a1 >> 16;
            sums[4] += (int16_t)a2;
            sums[5] += (int16_t)a3;
            sums[6] += a2 >> 16;
            sums[7] += a3 >> 16;
            reduce -= n;
        }
        return;
    }
#endif
    for (r = 0; r < reduce; ++r, p += stride) {
        for (j = 0; j < width; ++j) {
            sums[j] = (int32_t)((uint32_t)sums[j] + (uint32_t)(int32_t)p[j]);
        }
    }
}

/* Sum of n contiguous int8 (a reduction over the innermost axis). */
static int32_t row_sum(const int8_t *p, int32_t n)
{
    uint32_t s = 0;
    int32_t i = 0;
#if defined(__ARM_FEATURE_DSP) && !(defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1))
    while (n - i >= 4) {
        /* each 16-bit half takes one byte per word: at most 256 words per partial sum */
        const int32_t words = (n - i) / 4 < TF_MEAN_CHUNK ? (n - i) / 4 : TF_MEAN_CHUNK;
        int32_t a = 0, b = 0, k;
        for (k = 0; k < words; ++k, i += 4) {
            const int32_t w = tf_dsp_load4(p + i);
            a = __sxtab16(a, w);
            b = tf_dsp_sxtab16_ror8(b, w);
        }
        s += (uint32_t)((int32_t)(int16_t)a + (a >> 16) + (int16_t)b + (b >> 16));
    }
#endif
    for (; i < n; ++i) {
        s += (uint32_t)(int32_t)p[i];
    }
    return (int32_t)s;
}

/* The requantization of one sum (see the top of the file) with 1/count folded into the multiplier and
 * shift. fast: a right shift in [-24, -1], q = tf_rshift_quant_of(multiplier, shift) with the output zero point folded
 * into its rounding constant (zp * 2^(31+e) added to the numerator adds zp to the floor; it fits the high word). */
typedef struct {
    const tf_mean_params *params;
    int32_t count, multiplier, shift, fast;
    uint32_t zero_sum; /* input_zero_point * count, wrapping like TFLM's int32 product */
    tf_rshift_quant q;
} mean_requant;

static inline int8_t mean_of_sum(const mean_requant *r, int32_t sum)
{
    const int32_t shifted = (int32_t)((uint32_t)sum - r->zero_sum);
    if (r->fast) {
#if defined(__ARM_FEATURE_SAT)
        return (int8_t)__ssat(tf_mbqm_rshift(shifted, &r->q), 8);
#else
        return tf_sat_s8(tf_mbqm_rshift(shifted, &r->q), TF_INT8_MIN, TF_INT8_MAX);
#endif
    } else if (r->params->same_quant) {
        return (int8_t)(sum / r->count);
    } else {
        const int32_t v = tf_mbqm(shifted, r->multiplier, r->shift) + r->params->output_zero_point;
        return tf_sat_s8(v, TF_INT8_MIN, TF_INT8_MAX);
    }
}

void tf_mean_s8(const tf_mean_params *params, int32_t ndims, const int32_t *in_shape,
                uint32_t reduce_mask, const int8_t *in, int8_t *out)
{
    int32_t d, count = 1, outputs = 1, o;
    int32_t multiplier = params->multiplier, shift = params->shift;
    int32_t outer, reduce, inner;
    mean_requant r;

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
    r.params = params;
    r.count = count;
    r.multiplier = multiplier;
    r.shift = shift;
    r.zero_sum = (uint32_t)params->input_zero_point * (uint32_t)count;
    r.fast = !params->same_quant && shift <= -1 && shift >= -24 && multiplier >= 0;
    r.q = tf_rshift_quant_of(multiplier, r.fast ? shift : -1);
    r.q.round_hi = (int32_t)((uint32_t)r.q.round_hi + ((uint32_t)params->output_zero_point << r.q.high_shift));
    if (contiguous_run(ndims, in_shape, reduce_mask, &outer, &reduce, &inner)) {
        for (o = 0; o < outer; ++o) {
            const int8_t *row = in + (int64_t)o * reduce * inner;
            int8_t *dst = out + (int64_t)o * inner;
            int32_t i = 0;
            if (inner == 1) {
                dst[0] = mean_of_sum(&r, row_sum(row, reduce));
                continue;
            }
            while (i < inner) {
                int32_t sums[TF_MEAN_BLOCK];
                const int32_t width = inner - i < TF_MEAN_BLOCK ? inner - i : TF_MEAN_BLOCK;
                int32_t j;
                block_sums(row + i, reduce, inner, width, sums);
                for (j = 0; j < width; ++j) {
                    dst[i + j] = mean_of_sum(&r, sums[j]);
                }
                i += width;
            }
        }
        return;
    }
    for (o = 0; o < outputs; ++o) {
        out[o] = mean_of_sum(&r, reduced_sum(ndims, in_shape, reduce_mask, in, o));
    }
}
