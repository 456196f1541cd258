/* gemmlowp-style fixed-point transcendental functions on raw int32 values, written from the
 * published algorithms so that softmax / logistic / tanh / log-softmax match TFLite bit for bit.
 * A raw value in "Qk" has k integer bits (excluding sign) and 31 - k fractional bits. */
#include "tf_quant.h"

/* Plain wrap-around add/sub (gemmlowp's Add/Sub on int32). */
static int32_t add_w(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }
static int32_t sub_w(int32_t a, int32_t b) { return (int32_t)((uint32_t)a - (uint32_t)b); }

/* SaturatingRoundingMultiplyByPOT with a positive exponent: saturating left shift. */
static int32_t sat_shl(int32_t x, int32_t exponent)
{
    const int32_t threshold = (int32_t)(((uint32_t)1 << (31 - exponent)) - 1u);
    if (exponent == 0) {
        return x;
    }
    if (x > threshold) {
        return INT32_MAX;
    }
    if (x < -threshold) {
        return INT32_MIN;
    }
    return tf_shl_i32(x, exponent);
}

/* Rescale from Q(src) to Q(dst) (SaturatingRoundingMultiplyByPOT<src - dst>). */
static int32_t rescale(int32_t x, int32_t src_bits, int32_t dst_bits)
{
    const int32_t e = src_bits - dst_bits;
    return e >= 0 ? sat_shl(x, e) : tf_rdbpot(x, -e);
}

static int32_t rounding_half_sum(int32_t a, int32_t b)
{
    const int64_t sum = (int64_t)a + (int64_t)b;
    const int64_t sign = sum >= 0 ? 1 : -1;
    return (int32_t)((sum + sign) / 2);
}

/* exp(a) for a in [-1/4, 0), a and result in Q0: Taylor expansion around -1/8. */
static int32_t exp_on_interval_neg_quarter_to_0(int32_t a)
{
    const int32_t exp_minus_one_eighth = 1895147668; /* exp(-1/8) in Q0 */
    const int32_t one_third = 715827883;             /* 1/3 in Q0 */
    const int32_t x = add_w(a, (int32_t)1 << 28);    /* a + 1/8 */
    const int32_t x2 = tf_srdhm(x, x);
    const int32_t x3 = tf_srdhm(x2, x);
    const int32_t x4 = tf_srdhm(x2, x2);
    const int32_t x4_over_4 = tf_rdbpot(x4, 2);
    const int32_t poly = tf_rdbpot(add_w(tf_srdhm(add_w(x4_over_4, x3), one_third), x2), 1);
    return add_w(exp_minus_one_eighth, tf_srdhm(exp_minus_one_eighth, add_w(x, poly)));
}

int32_t tf_fp_exp_on_negative_values(int32_t a, int32_t integer_bits)
{
    /* exp(-2^k) in Q0 for k = -2 .. 4: multiplied in for every set bit of the remainder. */
    static const int32_t barrel[7] = {1672461947, 1302514674, 790015084, 290630308,
                                      39332535,   720401,     242};
    const int32_t frac_bits = 31 - integer_bits;
    const int32_t one_quarter = (int32_t)1 << (frac_bits - 2);
    const int32_t mask = one_quarter - 1;
    const int32_t a_mod_q_minus_q = sub_w(a & mask, one_quarter);
    int32_t result = exp_on_interval_neg_quarter_to_0(rescale(a_mod_q_minus_q, integer_bits, 0));
    const int32_t remainder = sub_w(a_mod_q_minus_q, a);
    int32_t k;

    for (k = -2; k <= 4; ++k) {
        if (integer_bits > k) {
            const int32_t bit = frac_bits + k;
            if (remainder & (int32_t)((uint32_t)1 << bit)) {
                result = tf_srdhm(result, barrel[k + 2]);
            }
        }
    }
    if (integer_bits > 5) {
        const int32_t clamp = -((int32_t)1 << (36 - integer_bits)); /* -32.0 */
        if (a < clamp) {
            result = 0;
        }
    }
    if (a == 0) {
        result = INT32_MAX; /* One() in Q0 */
    }
    return result;
}

/* Newton-Raphson iterations for 1 / half_denominator in Q2 (48/17 - 32/17 * d start). */
static int32_t newton_reciprocal_q2(int32_t half_denominator)
{
    const int32_t c48_17 = 1515870810;
    const int32_t cneg32_17 = -1010580540;
    const int32_t one_q2 = (int32_t)1 << 29;
    int32_t x = add_w(c48_17, tf_srdhm(half_denominator, cneg32_17));
    int i;
    for (i = 0; i < 3; ++i) {
        const int32_t hdx = tf_srdhm(half_denominator, x);
        const int32_t one_minus_hdx = sub_w(one_q2, hdx);
        x = add_w(x, rescale(tf_srdhm(x, one_minus_hdx), 4, 2));
    }
    return x;
}

int32_t tf_fp_one_over_one_plus_x_for_x_in_0_1(int32_t a)
{
    const int32_t half_denominator = rounding_half_sum(a, INT32_MAX);
    const int32_t x = newton_reciprocal_q2(half_denominator);
    /* ExactMulByPot<-1> turns Q2 into Q1 (same raw); then Rescale to Q0. */
    return rescale(x, 1, 0);
}

static int32_t one_minus_x_over_one_plus_x_for_x_in_0_1(int32_t a)
{
    const int32_t half_denominator = rounding_half_sum(a, INT32_MAX);
    const int32_t x = newton_reciprocal_q2(half_denominator);
    return rescale(sub_w(x, (int32_t)1 << 29), 2, 0);
}

int32_t tf_fp_logistic(int32_t a, int32_t integer_bits)
{
    int32_t abs_a;
    int32_t if_positive;
    if (a == 0) {
        return (int32_t)1 << 30; /* 0.5 */
    }
    abs_a = a > 0 ? a : -a;
    if_positive = tf_fp_one_over_one_plus_x_for_x_in_0_1(
        tf_fp_exp_on_negative_values(-abs_a, integer_bits));
    return a > 0 ? if_positive : sub_w(INT32_MAX, if_positive);
}

int32_t tf_fp_tanh(int32_t a, int32_t integer_bits)
{
    int32_t neg_abs;
    int32_t t;
    if (a == 0) {
        return 0;
    }
    neg_abs = a < 0 ? a : -a;
    /* ExactMulByPot<1>: same raw, one more integer bit, i.e. 2 * neg_abs. */
    t = one_minus_x_over_one_plus_x_for_x_in_0_1(
        tf_fp_exp_on_negative_values(neg_abs, integer_bits + 1));
    return a < 0 ? -t : t;
}
