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

static int32_t sat_add(int32_t a, int32_t b)
{
    const int64_t s = (int64_t)a + (int64_t)b;
    return s > INT32_MAX ? INT32_MAX : (s < INT32_MIN ? INT32_MIN : (int32_t)s);
}

static int32_t sat_sub(int32_t a, int32_t b)
{
    const int64_t s = (int64_t)a - (int64_t)b;
    return s > INT32_MAX ? INT32_MAX : (s < INT32_MIN ? INT32_MIN : (int32_t)s);
}

static int32_t clz_u32(uint32_t x)
{
    int32_t n = 0;
    if (x == 0) {
        return 32;
    }
    while ((x & 0x80000000u) == 0) {
        x <<= 1;
        ++n;
    }
    return n;
}

/* log(x) = z * log(2) + f(r) with x = r * 2^z: the input is normalised twice (once pre-multiplied by
 * sqrt(1/2)) and the normalisation whose mantissa r lies nearer the middle of the approximation's
 * range is kept; f is a rational approximation in q = 2 * (r - 2^-1/4). The sum is accumulated with
 * one extra integer bit, then rescaled (saturating) to the output format. */
int32_t tf_fp_log_x_for_x_ge_1(int32_t x, int32_t input_integer_bits, int32_t output_integer_bits)
{
    const int32_t accum_bits = output_integer_bits + 1;
    const int32_t log_2 = 1488522236, sqrt_sqrt_half = 1805811301, sqrt_half = 1518500250;
    const int32_t one_quarter = 536870912;
    const int32_t alpha_n = 117049297, alpha_d = 127690142, alpha_i = 1057819769;
    const int32_t alpha_f = 638450708;
    const int32_t shifted_quarter = rescale(one_quarter, 0, accum_bits);
    const int32_t za_headroom_plus_1 = clz_u32((uint32_t)x);
    const int32_t ra_tmp = sat_shl(x, za_headroom_plus_1 - 1);
    const int32_t ra = sat_shl(tf_srdhm(ra_tmp, sqrt_half), 1);
    const int32_t za_pow2_adj =
        sat_add(sat_shl(input_integer_bits - za_headroom_plus_1, 31 - accum_bits), shifted_quarter);
    const int32_t zb = tf_srdhm(x, sqrt_half);
    const int32_t zb_headroom = clz_u32((uint32_t)zb) - 1;
    const int32_t rb = sat_shl(x, zb_headroom);
    const int32_t zb_pow2_adj =
        sat_sub(sat_shl(input_integer_bits - zb_headroom, 31 - accum_bits), shifted_quarter);
    const int32_t r = ra < rb ? ra : rb;
    const int32_t z_pow2_adj = za_pow2_adj > zb_pow2_adj ? za_pow2_adj : zb_pow2_adj;
    const int32_t p = rounding_half_sum(r, sqrt_sqrt_half);
    int32_t q = sub_w(r, sqrt_sqrt_half);
    int32_t common_sq, num, denom_minus_one, recip_denom, num_scaled, sum;
    q = add_w(q, q);
    common_sq = tf_srdhm(q, q);
    num = add_w(tf_srdhm(q, r), tf_srdhm(tf_srdhm(q, common_sq), alpha_n));
    denom_minus_one = add_w(tf_srdhm(p, add_w(add_w(alpha_i, q), tf_srdhm(alpha_d, common_sq))),
                            tf_srdhm(alpha_f, q));
    recip_denom = tf_fp_one_over_one_plus_x_for_x_in_0_1(denom_minus_one);
    num_scaled = rescale(num, 0, accum_bits);
    sum = add_w(tf_srdhm(z_pow2_adj, log_2), tf_srdhm(num_scaled, recip_denom));
    return rescale(sum, accum_bits, output_integer_bits);
}
