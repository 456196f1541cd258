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


/* svdf_test.cc, SvdfQuantized2x2Input2x4OutputShouldMatchGolden<int16_t> and <int8_t>: batch 2,
 * 4 units, input 2, memory 10, rank 2, bias zero, 10 invocations on one state. TFLM's check is
 * "within one output step of the quantized float golden" (tolerance 1); we apply the same. Data:
 * input_data_2x2x10, feature_weights_data_2x2x10, time_weights_data_2x2x10, golden_output_2x2x10. */
static const float svdf_input[40] = {
    0.12609188f, -0.46347019f, 0.35867718f, 0.36897406f, 0.14278367f, -1.64410412f,
    -0.57290924f, 0.12729003f, 0.49837467f, 0.19278903f, 0.17660543f, 0.52949083f,
    -0.11186574f, 0.13164264f, -0.72674477f, -0.5683046f, -0.68892461f, 0.37783599f,
    -0.63690937f, 0.44483393f, -0.81299269f, -0.86831826f, -0.95760226f, 1.82078898f,
    -1.45006323f, -0.82251364f, -1.65087092f, -1.89238167f, 0.03966608f, -0.24936394f,
    2.06740379f, -1.51439476f, 0.11771342f, -0.23761693f, 0.31088525f, -1.55601168f,
    -0.89477462f, 1.67204106f, -0.6230064f, 0.29819036f,
};
static const float svdf_feature_weights[16] = {
    -0.31930989f, 0.0079667f, 0.39296314f, 0.37613347f, 0.12416199f, 0.15785322f,
    0.27901134f, 0.3905206f, 0.21931258f, -0.36137494f, -0.10640851f, 0.31053296f,
    -0.36118156f, -0.0976817f, -0.36916667f, 0.22197971f,
};
static const float svdf_time_weights[80] = {
    -0.31930989f, 0.37613347f, 0.27901134f, -0.36137494f, -0.36118156f, 0.22197971f,
    0.27557442f, -0.06634006f, 0.0079667f, 0.12416199f, 0.3905206f, -0.10640851f,
    -0.0976817f, 0.15294972f, 0.39635518f, -0.02702999f, 0.39296314f, 0.15785322f,
    0.21931258f, 0.31053296f, -0.36916667f, 0.38031587f, -0.21580373f, 0.27072677f,
    0.23622236f, 0.34936687f, 0.18174365f, 0.35907319f, -0.17493086f, 0.324846f,
    -0.10781813f, 0.27201805f, 0.14324132f, -0.23681851f, -0.27115166f, -0.01580888f,
    -0.14943552f, 0.15465137f, 0.09784451f, -0.0337657f, -0.14884081f, 0.19931212f,
    -0.36002168f, 0.34663299f, -0.11405486f, 0.12672701f, 0.39463779f, -0.07886535f,
    -0.06384811f, 0.08249187f, -0.26816407f, -0.19905911f, 0.29211238f, 0.31264046f,
    -0.28664589f, 0.05698794f, 0.11613581f, 0.14078894f, 0.02187902f, -0.21781836f,
    -0.15567942f, 0.08693647f, -0.38256618f, 0.36580828f, -0.22922277f, -0.0226903f,
    0.12878349f, -0.28122205f, -0.10850525f, -0.11955214f, 0.27179423f, -0.04710215f,
    0.31069002f, 0.22672787f, 0.09580326f, 0.08682203f, 0.1258215f, 0.1851041f,
    0.29228821f, 0.12366763f,
};
static const float svdf_golden[80] = {
    -0.044205f, -0.013757f, 0.050369f, -0.018447f, 0.073010f, 0.025142f,
    -0.021154f, 0.013551f, -0.209613f, -0.062421f, 0.150209f, -0.108334f,
    0.028256f, -0.006950f, -0.030885f, 0.009603f, -0.076800f, -0.037075f,
    -0.087198f, -0.155183f, 0.091069f, 0.098446f, -0.016083f, 0.106475f,
    -0.082123f, -0.162238f, -0.084434f, -0.141074f, -0.029340f, -0.090685f,
    0.053302f, -0.030604f, -0.201440f, 0.088424f, 0.139877f, 0.012416f,
    -0.113212f, 0.103893f, -0.100842f, 0.122780f, -0.166632f, -0.116705f,
    0.175298f, -0.047163f, 0.313077f, -0.166485f, -0.285860f, 0.129069f,
    -0.625911f, 0.046134f, 0.138081f, -0.129581f, -0.521455f, -0.061579f,
    0.230289f, 0.114963f, -0.216693f, -0.161643f, -0.179177f, -0.052599f,
    -0.213239f, 0.029502f, 0.260858f, 0.275045f, -0.213689f, -0.323608f,
    -0.285635f, -0.317687f, -0.324092f, -0.317972f, -0.208450f, -0.462504f,
    -0.255126f, -0.218576f, -0.041528f, 0.179421f, -0.440583f, 0.072127f,
    -0.284136f, 0.241570f,
};

static int32_t quantize_one(float x, float scale, int zp, int32_t lo, int32_t hi)
{
    long v = lroundf(x / scale) + zp;
    return (int32_t)(v < lo ? lo : (v > hi ? hi : v));
}

static void svdf_case(int state_bits)
{
    enum { B = 2, U = 4, I = 2, M = 10, R = 2, F = U * R, STEPS = 10 };
    const int32_t smax = state_bits == 16 ? 32767 : 127;
    const float in_s = (float)(2.5 / 127), wf_s = (float)(1.0 / 127), out_s = (float)(1.0 / 127);
    const float wt_s = (float)(1.0 / smax), st_s = (float)(1.49 / smax);
    const tf_svdf_dims dims = {B, I, F, R, M};
    tf_svdf_params p;
    int8_t wf[F * I], x[B * I], y[B * U];
    int16_t wt16[F * M], st16[B * F * M];
    int8_t wt8[F * M], st8[B * F * M];
    int32_t bias[U] = {0, 0, 0, 0};
    int i, k, bad = 0;
    char what[96];
    memset(st16, 0, sizeof(st16));
    memset(st8, 0, sizeof(st8));
    for (i = 0; i < F * I; ++i) wf[i] = (int8_t)quantize_one(svdf_feature_weights[i], wf_s, 0, -128, 127);
    for (i = 0; i < F * M; ++i) {
        wt16[i] = (int16_t)quantize_one(svdf_time_weights[i], wt_s, 0, -smax - 1, smax);
        wt8[i] = (int8_t)quantize_one(svdf_time_weights[i], wt_s, 0, -128, 127);
    }
    /* PrepareSvdf: float products, widened to double, then QuantizeMultiplier */
    quantize_multiplier((double)(in_s * wf_s / st_s), &p.effective_scale_1_a, &p.effective_scale_1_b);
    quantize_multiplier((double)(st_s * wt_s / out_s), &p.effective_scale_2_a, &p.effective_scale_2_b);
    p.input_zero_point = 0;
    p.output_zero_point = 0;
    p.activation_state_zero_point = 0;
    for (k = 0; k < STEPS; ++k) {
        for (i = 0; i < B * I; ++i) x[i] = (int8_t)quantize_one(svdf_input[k * B * I + i], in_s, 0, -128, 127);
        if (state_bits == 16) {
            tf_svdf_s8(&p, &dims, x, wf, wt16, bias, st16, y);
        } else {
            tf_svdf_s8_state_s8(&p, &dims, x, wf, wt8, bias, st8, y);
        }
        for (i = 0; i < B * U; ++i) {
            int32_t want = quantize_one(svdf_golden[k * B * U + i], out_s, 0, -128, 127);
            if (y[i] - want > 1 || want - y[i] > 1) ++bad;
        }
    }
    sprintf(what, "svdf int8 with int%d state, 10 invocations within 1 of the golden", state_bits);
    ++checks;
    if (bad) {
        ++failures;
        printf("tflm-cases FAIL: %s (%d outputs off)\n", what, bad);
    }
}

int main(void)
{
    log_softmax_cases();
    svdf_case(16);
    svdf_case(8);
    printf("tflm-cases: %d checks, %d failed\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
