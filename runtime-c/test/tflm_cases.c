/* TFLM's own kernel unit tests, replayed on our kernels: inputs, quantization and expected outputs
 * are the numbers in tensorflow/tflite-micro's tensorflow/lite/micro/kernels/<op>_test.cc (quoted
 * per case). Parameters are prepared here in double precision the way TFLM's Prepare does, so this
 * does not depend on the compiler's Java prepare step.
 * Prints "tflm-cases: N checks, M failed" and exits non-zero on any failure. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tf_kernels.h"
#include "tf_quant.h"

static int checks, failures;

static void expect_s8(const int8_t *got, const int8_t *want, int n, const char *what)
{
    int i;
    ++checks;
    if (memcmp(got, want, (size_t)n) != 0) {
        ++failures;
        printf("tflm-cases FAIL: %s\n  got :", what);
        for (i = 0; i < n; ++i) printf(" %d", got[i]);
        printf("\n  want:");
        for (i = 0; i < n; ++i) printf(" %d", want[i]);
        printf("\n");
    }
}

/* TFLite QuantizeMultiplier: frexp, round half away, fold 2^31 back, flush tiny shifts. */
static void quantize_multiplier(double m, int32_t *mult, int32_t *shift)
{
    int e;
    long long qf;
    if (m == 0.0) {
        *mult = 0;
        *shift = 0;
        return;
    }
    qf = llround(frexp(m, &e) * 2147483648.0);
    if (qf == 2147483648LL) {
        qf /= 2;
        ++e;
    }
    if (e < -31) {
        e = 0;
        qf = 0;
    }
    *mult = (int32_t)qf;
    *shift = e;
}

/* test_helpers.h ScaleFromMinMax / ZeroPointFromMinMax for int8 (float arithmetic). */
static float scale_from_min_max(float min, float max) { return (max - min) / (float)(127.0 - -128); }
static int zero_point_from_min_max(float min, float max)
{
    return -128 + (int)(-min / scale_from_min_max(min, max) + 0.5f);
}

/* tflite::Quantize: round half away from zero, add the zero point, clamp. */
static void quantize(const float *x, int n, float scale, int zp, int8_t *q)
{
    int i;
    for (i = 0; i < n; ++i) {
        long v = lroundf(x[i] / scale) + zp;
        q[i] = (int8_t)(v < -128 ? -128 : (v > 127 ? 127 : v));
    }
}

/* log_softmax.cc CalculateOpData for int8 (beta 1, 5 integer bits). */
static tf_log_softmax_params log_softmax_params(float input_scale)
{
    tf_log_softmax_params p;
    int32_t m, s, rm, rs;
    double real = (double)input_scale * (double)(1 << 26);
    if (real > 2147483647.0) real = 2147483647.0;
    quantize_multiplier(real, &m, &s);
    quantize_multiplier((double)(1 << (31 - s)) / (double)m, &rm, &rs);
    p.input_multiplier = m;
    p.input_left_shift = s;
    p.reverse_scaling_divisor = rm;
    p.reverse_scaling_right_shift = -rs;
    p.diff_min = -(int32_t)floor(31.0 * ldexp(1.0, 26) / ldexp(1.0, s));
    return p;
}

/* log_softmax_test.cc: QuantizedActivationsOpTestLogSoftmaxInt8 and ExtraTestLogSoftmaxInt8. */
static void log_softmax_cases(void)
{
    {
        const float x[8] = {0, -6, 2, 4, 3, -2, 10, 1};
        const int8_t want[8] = {61, -36, 93, 125, 15, -65, 127, -16};
        const float s = scale_from_min_max(-10, 10);
        int8_t q[8], y[8];
        tf_log_softmax_params p = log_softmax_params(s);
        quantize(x, 8, s, zero_point_from_min_max(-10, 10), q);
        tf_log_softmax_s8(&p, 2, 4, q, y);
        expect_s8(y, want, 8, "log_softmax QuantizedActivationsOpTestLogSoftmaxInt8");
    }
    {
        const float x[3] = {0, -1, 1};
        const int8_t want[3] = {127, 127, 127};
        const float s = scale_from_min_max(-1, 1);
        int8_t q[3], y[3];
        tf_log_softmax_params p = log_softmax_params(s);
        quantize(x, 3, s, zero_point_from_min_max(-1, 1), q);
        tf_log_softmax_s8(&p, 3, 1, q, y);
        expect_s8(y, want, 3, "log_softmax ExtraTestLogSoftmaxInt8");
    }
}

int main(void)
{
    log_softmax_cases();
    printf("tflm-cases: %d checks, %d failed\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
