/* Self-checks of the kernel library that need no reference vectors:
 *  - hand-checked values of the requantization helpers and of QUANTIZE's rounding;
 *  - broadcasting kernels against the elementwise ones on random data (same shapes, and a
 *    [1,1,1,C] operand tiled by hand);
 *  - layout ops against straightforward index arithmetic (transpose round trip, pad, slice,
 *    concat);
 *  - logistic / tanh / softmax against float math within one output step (sanity, the
 *    bit-exact proof is the CMSIS-NN softmax vector and the model goldens);
 *  - the reference window kernels' clipped tap ranges against a per-tap bounds test;
 *  - MEAN int8 against TFLM's own intermediate tensors of mcunetv2-large, when the goldens are
 *    given as argv[1] (the shared/golden directory).
 * Prints "selfcheck: N checks, M failed" and exits non-zero on any failure. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tf_kernels.h"
#include "tf_quant.h"
#include "../src/common/tf_window.h"

static int checks, failures;

static void expect(int ok, const char *what)
{
    ++checks;
    if (!ok) {
        ++failures;
        printf("selfcheck FAIL: %s\n", what);
    }
}

static uint32_t rng = 12345u;
static int8_t rand_s8(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return (int8_t)(rng >> 24);
}

static void check_helpers(void)
{
    expect(tf_srdhm(INT32_MIN, INT32_MIN) == INT32_MAX, "srdhm saturates -1*-1");
    expect(tf_srdhm(1 << 30, 1 << 30) == 1 << 29, "srdhm 0.5*0.5");
    expect(tf_rdbpot(5, 1) == 3 && tf_rdbpot(-5, 1) == -3, "rdbpot ties away from zero");
    expect(tf_rdbpot(-6, 2) == -2 && tf_rdbpot(6, 2) == 2 && tf_rdbpot(-5, 2) == -1,
           "rdbpot rounding");
    expect(tf_mbqm(100, 1 << 30, 1) == 100, "mbqm 0.5 * 2^1");
    expect(tf_mbqm(100, 1 << 30, -1) == 25, "mbqm 0.5 * 2^-1");
    expect(tf_mbqm(-3, 1 << 30, -1) == -1, "mbqm -0.75 rounds to -1");
    expect(tf_fp_exp_on_negative_values(0, 5) == INT32_MAX, "exp(0) = 1");
}

static void check_quantize(void)
{
    const float in[7] = {0.25f, -0.25f, 0.74f, 0.76f, 100.0f, -100.0f, -0.75f};
    const int8_t want[7] = {2, 0, 2, 3, 127, -128, -1};
    int8_t out[7];
    tf_affine_params p;
    int i, ok = 1;
    p.scale = 0.5f;
    p.zero_point = 1;
    /* 0.25/0.5 = 0.5 -> 1 (+1 = 2); -0.5 -> -1 (+1 = 0); 1.48 -> 1; 1.52 -> 2; -1.5 -> -2 */
    tf_quantize_f32_s8(&p, 7, in, out);
    for (i = 0; i < 7; ++i) {
        ok &= out[i] == want[i];
    }
    expect(ok, "quantize rounds half away from zero and clamps");
}

static void check_binary_broadcast(void)
{
    enum { N = 2, H = 3, W = 5, C = 7, SIZE = N * H * W * C };
    int8_t a[SIZE], b[SIZE], b_ch[C], e[SIZE], g[SIZE];
    tf_add_params ap;
    tf_mul_params mp;
    tf_broadcast_shape same, ch;
    int i, rep;
    for (rep = 0; rep < 20; ++rep) {
        for (i = 0; i < SIZE; ++i) {
            a[i] = rand_s8();
            b[i] = rand_s8();
        }
        for (i = 0; i < C; ++i) {
            b_ch[i] = rand_s8();
        }
        ap.left_shift = 20;
        ap.input1_offset = rand_s8();
        ap.input2_offset = rand_s8();
        ap.input1_multiplier = 1073741824 + (int32_t)(rng >> 2) % 1000000;
        ap.input2_multiplier = 1073741824 + (int32_t)(rng >> 3) % 1000000;
        ap.input1_shift = -(int32_t)(rng % 3);
        ap.input2_shift = -(int32_t)((rng >> 5) % 3);
        ap.output_multiplier = 1500000000;
        ap.output_shift = -19;
        ap.output_offset = rand_s8();
        ap.activation.min = -128;
        ap.activation.max = 100;
        mp.input1_offset = rand_s8();
        mp.input2_offset = rand_s8();
        mp.output_offset = rand_s8();
        mp.output_multiplier = 1200000000;
        mp.output_shift = -7;
        mp.activation.min = -120;
        mp.activation.max = 127;
        same.in1.n = N; same.in1.h = H; same.in1.w = W; same.in1.c = C;
        same.in2 = same.in1;
        same.out = same.in1;
        ch = same;
        ch.in2.n = 1; ch.in2.h = 1; ch.in2.w = 1;

        tf_add_s8(&ap, SIZE, a, b, e);
        tf_add_s8_broadcast(&ap, &same, a, b, g);
        expect(memcmp(e, g, SIZE) == 0, "add broadcast == elementwise (same shapes)");
        tf_sub_s8(&ap, SIZE, a, b, e);
        tf_sub_s8_broadcast(&ap, &same, a, b, g);
        expect(memcmp(e, g, SIZE) == 0, "sub broadcast == elementwise (same shapes)");
        tf_mul_s8(&mp, SIZE, a, b, e);
        tf_mul_s8_broadcast(&mp, &same, a, b, g);
        expect(memcmp(e, g, SIZE) == 0, "mul broadcast == elementwise (same shapes)");

        /* [N,H,W,C] x [1,1,1,C]: tile b_ch by hand and compare (mcunetv2's SE multiply). */
        for (i = 0; i < SIZE; ++i) {
            b[i] = b_ch[i % C];
        }
        tf_mul_s8(&mp, SIZE, a, b, e);
        tf_mul_s8_broadcast(&mp, &ch, a, b_ch, g);
        expect(memcmp(e, g, SIZE) == 0, "mul [N,H,W,C] x [1,1,1,C] == tiled elementwise");
        tf_add_s8(&ap, SIZE, a, b, e);
        tf_add_s8_broadcast(&ap, &ch, a, b_ch, g);
        expect(memcmp(e, g, SIZE) == 0, "add [N,H,W,C] + [1,1,1,C] == tiled elementwise");
        /* and with the broadcast operand first */
        ch.in1 = ch.in2;
        ch.in2 = same.in1;
        tf_add_s8(&ap, SIZE, b, a, e);
        tf_add_s8_broadcast(&ap, &ch, b_ch, a, g);
        expect(memcmp(e, g, SIZE) == 0, "add [1,1,1,C] + [N,H,W,C] == tiled elementwise");
        tf_maximum_s8(SIZE, a, b, e);
        tf_maximum_s8_broadcast(&ch, b_ch, a, g);
        expect(memcmp(e, g, SIZE) == 0, "maximum broadcast == tiled elementwise");
    }
}

static void check_layout(void)
{
    enum { D0 = 2, D1 = 3, D2 = 4, D3 = 5, SIZE = D0 * D1 * D2 * D3 };
    int16_t x[SIZE], t[SIZE], back[SIZE];
    const int32_t shape[4] = {D0, D1, D2, D3};
    const int32_t perm[4] = {2, 0, 3, 1};
    const int32_t tshape[4] = {D2, D0, D3, D1};
    const int32_t inv[4] = {1, 3, 0, 2};
    int i, ok = 1;
    for (i = 0; i < SIZE; ++i) {
        x[i] = (int16_t)(i * 7 - 300);
    }
    tf_transpose_nd(4, shape, perm, sizeof(int16_t), x, t);
    /* t[a][b][c][d] = x[b][d][a][c] */
    {
        int a, b, c, d;
        for (a = 0; a < D2; ++a)
            for (b = 0; b < D0; ++b)
                for (c = 0; c < D3; ++c)
                    for (d = 0; d < D1; ++d)
                        ok &= t[((a * D0 + b) * D3 + c) * D1 + d] ==
                              x[((b * D1 + d) * D2 + a) * D3 + c];
    }
    expect(ok, "transpose by index arithmetic");
    tf_transpose_nd(4, tshape, inv, sizeof(int16_t), t, back);
    expect(memcmp(back, x, sizeof x) == 0, "transpose round trip");

    {   /* pad a 2x3 int8 matrix by (1,0) rows and (2,1) columns with 9 */
        const int8_t in[6] = {1, 2, 3, 4, 5, 6};
        const int32_t s2[2] = {2, 3}, pre[2] = {1, 2}, post[2] = {0, 1};
        const int8_t want[18] = {9, 9, 9, 9, 9 + 0, 9, 9, 9, 1, 2, 3, 9, 9, 9, 4, 5, 6, 9};
        const int8_t pv = 9;
        int8_t out[18];
        tf_pad_nd(2, s2, pre, post, 1, &pv, in, out);
        expect(memcmp(out, want, 18) == 0, "pad 2-D");
    }
    {   /* strided slice: rows 2..0 step -1 (3 rows), cols 1..4 step 2 of a 3x5 matrix */
        int8_t in[15], out[6];
        const int32_t s2[2] = {3, 5}, begin[2] = {2, 1}, stride[2] = {-1, 2}, os[2] = {3, 2};
        const int8_t want[6] = {11, 13, 6, 8, 1, 3};
        for (i = 0; i < 15; ++i) in[i] = (int8_t)i;
        tf_strided_slice_nd(2, s2, begin, stride, os, 1, in, out);
        expect(memcmp(out, want, 6) == 0, "strided slice with negative stride");
    }
    {   /* concat [2,1] and [2,2] along axis 1 */
        const int8_t p[2] = {1, 2}, q[4] = {3, 4, 5, 6};
        const void *ins[2];
        const int32_t sizes[2] = {1, 2};
        const int8_t want[6] = {1, 3, 4, 2, 5, 6};
        int8_t out[6];
        ins[0] = p;
        ins[1] = q;
        tf_concat(2, ins, sizes, 2, 1, 1, out);
        expect(memcmp(out, want, 6) == 0, "concat along axis 1");
    }
}

/* QuantizeMultiplier as TFLite computes it (frexp, round, fix 2^31). */
static void quantize_multiplier(double m, int32_t *mult, int32_t *shift)
{
    int e;
    double q;
    long long qf;
    if (m == 0.0) {
        *mult = 0;
        *shift = 0;
        return;
    }
    q = frexp(m, &e);
    qf = llround(q * 2147483648.0);
    if (qf == 2147483648LL) {
        qf /= 2;
        ++e;
    }
    *mult = (int32_t)qf;
    *shift = e;
}

static void check_transcendentals(void)
{
    int32_t x, bad_l = 0, bad_t = 0;
    tf_logistic_params lp;
    const float in_scale = 0.1f;
    const int32_t in_zp = 3;
    int e;
    double q = frexp((double)in_scale * (double)(1 << 27), &e);
    lp.input_zero_point = in_zp;
    lp.input_multiplier = (int32_t)llround(q * 2147483648.0);
    lp.input_left_shift = e;
    /* CalculateInputRadius(4, shift, 31) */
    lp.input_range_radius = (int32_t)floor((double)((1 << 4) - 1) * ldexp(1.0, 31 - 4) /
                                           ldexp(1.0, e));
    for (x = -128; x <= 127; ++x) {
        int8_t xi = (int8_t)x, yl, yt;
        double real = in_scale * (x - in_zp);
        tf_logistic_s8(&lp, 1, &xi, &yl);
        tf_tanh_s8(&lp, 1, &xi, &yt);
        if (fabs((yl + 128) / 256.0 - 1.0 / (1.0 + exp(-real))) > 1.01 / 256.0) ++bad_l;
        if (fabs(yt / 128.0 - tanh(real)) > 1.01 / 128.0) ++bad_t;
    }
    expect(bad_l == 0, "logistic within one step of float");
    expect(bad_t == 0, "tanh within one step of float");

    {   /* softmax rows sum to ~1 and follow float softmax within 1/256 */
        int8_t in[10], out[10];
        tf_softmax_params sp;
        const float s = 0.05f;
        int i, ok = 1;
        double sum = 0.0, fsum = 0.0;
        int32_t m, sh;
        quantize_multiplier(s * (double)(1 << 26), &m, &sh); /* PreprocessSoftmaxScaling, beta 1 */
        sp.input_multiplier = m;
        sp.input_left_shift = sh;
        sp.diff_min = -(int32_t)floor(31.0 * ldexp(1.0, 26) / ldexp(1.0, sh));
        for (i = 0; i < 10; ++i) in[i] = (int8_t)(i * 25 - 128);
        for (i = 0; i < 10; ++i) fsum += exp(s * (in[i] - in[9]));
        tf_softmax_s8(&sp, 1, 10, in, out);
        for (i = 0; i < 10; ++i) {
            double want = exp(s * (in[i] - in[9])) / fsum;
            ok &= fabs((out[i] + 128) / 256.0 - want) <= 1.01 / 256.0;
            sum += (out[i] + 128) / 256.0;
        }
        expect(ok && fabs(sum - 1.0) < 0.05, "softmax close to float softmax");
    }
}

static int8_t *read_file(const char *path, long expect_bytes)
{
    FILE *f = fopen(path, "rb");
    int8_t *buf;
    if (f == NULL) return NULL;
    buf = (int8_t *)malloc((size_t)expect_bytes);
    if (buf == NULL || fread(buf, 1, (size_t)expect_bytes, f) != (size_t)expect_bytes) {
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    return buf;
}

/* mcunetv2-large ops 13 -> 14 -> 15: DEPTHWISE [1,28,28,240] -> MEAN axis 2 keep_dims ->
 * [1,28,1,240] -> MEAN axis 1 -> [1,1,1,240]. All three tensors share scale and zero point, and
 * TFLM still takes the requantizing QuantizedMeanOrSum path (multiplier of 1.0 = 2^30 << 1);
 * the older truncating shortcut must NOT match here. */
static void check_mean_golden(const char *golden)
{
    char p13[512], p14[512], p15[512];
    int8_t *a, *b, *c;
    int8_t out14[28 * 240], out15[240];
    const int32_t shape13[4] = {1, 28, 28, 240}, shape14[4] = {1, 28, 1, 240};
    tf_mean_params mp;
    sprintf(p13, "%s/mcunetv2-large/intermediates_0/op013_DEPTHWISE_CONV_2D_t133.bin", golden);
    sprintf(p14, "%s/mcunetv2-large/intermediates_0/op014_MEAN_t161.bin", golden);
    sprintf(p15, "%s/mcunetv2-large/intermediates_0/op015_MEAN_t35.bin", golden);
    a = read_file(p13, 28 * 28 * 240);
    b = read_file(p14, 28 * 240);
    c = read_file(p15, 240);
    if (a == NULL || b == NULL || c == NULL) {
        printf("selfcheck: mcunetv2-large goldens not found under %s, MEAN golden check skipped\n",
               golden);
    } else {
        mp.same_quant = 0;
        mp.input_zero_point = -128;
        mp.output_zero_point = -128;
        mp.multiplier = 1 << 30;
        mp.shift = 1;
        tf_mean_s8(&mp, 4, shape13, 1u << 2, a, out14);
        expect(memcmp(out14, b, sizeof out14) == 0, "MEAN axis 2 == TFLM golden (mcunetv2 op14)");
        tf_mean_s8(&mp, 4, shape14, 1u << 1, b, out15);
        expect(memcmp(out15, c, sizeof out15) == 0, "MEAN axis 1 == TFLM golden (mcunetv2 op15)");
        mp.same_quant = 1;
        tf_mean_s8(&mp, 4, shape13, 1u << 2, a, out14);
        expect(memcmp(out14, b, sizeof out14) != 0, "truncating MEAN differs from the golden");
    }
    free(a);
    free(b);
    free(c);
}

/* TFLite's own unit test (resize_bilinear_test.cc, 2x2 -> 4x6 int8), expected values as
 * published there, and nearest-neighbour checked by hand. */
static void check_resize(void)
{
    const int8_t in[4] = {127, -128, 64, 0};
    const int8_t want_false[24] = {127, 42, -43, -128, -128, -128, 96, 42, -11, -64, -64, -64,
                                   64,  43, 21,  0,    0,    0,    64, 43, 21,  0,   0,   0};
    const int8_t want_true[24] = {127, 127, 42, -43, -128, -128, 111, 111, 42, -27, -96, -96,
                                  80,  80,  43, 5,   -32,  -32,  64,  64,  43, 21,  0,   0};
    int8_t out[24];
    tf_dims di, dout;
    tf_resize_params p;
    di.n = 1; di.h = 2; di.w = 2; di.c = 1;
    dout.n = 1; dout.h = 4; dout.w = 6; dout.c = 1;
    p.align_corners = 0;
    p.half_pixel_centers = 0;
    tf_resize_bilinear_s8(&p, &di, in, &dout, out);
    expect(memcmp(out, want_false, 24) == 0, "resize bilinear 2x2->4x6");
    p.half_pixel_centers = 1;
    tf_resize_bilinear_s8(&p, &di, in, &dout, out);
    expect(memcmp(out, want_true, 24) == 0, "resize bilinear 2x2->4x6 half pixel centers");
    {   /* nearest 2x2 -> 4x6: floor(y * 0.5), floor(x / 3) */
        const int8_t want_nn[24] = {127, 127, 127, -128, -128, -128, 127, 127, 127, -128, -128, -128,
                                    64,  64,  64,  0,    0,    0,    64,  64,  64,  0,    0,    0};
        /* align_corners: scale (2-1)/(6-1) = 0.2 -> round(0.2 x): 0,0,0,1,1,1 ; rows (1/3): 0,0,1,1 */
        const int8_t want_ac[24] = {127, 127, 127, -128, -128, -128, 127, 127, 127, -128, -128, -128,
                                    64,  64,  64,  0,    0,    0,    64,  64,  64,  0,    0,    0};
        p.half_pixel_centers = 0;
        tf_resize_nearest_s8(&p, &di, in, &dout, out);
        expect(memcmp(out, want_nn, 24) == 0, "resize nearest 2x2->4x6");
        p.align_corners = 1;
        tf_resize_nearest_s8(&p, &di, in, &dout, out);
        expect(memcmp(out, want_ac, 24) == 0, "resize nearest 2x2->4x6 align corners");
    }
}

/* tf_mbqm_rshift (one SMLAL, the DSP kernels' requantization) equals tf_mbqm for every right shift: edge
 * values of x and M for e = 1..31, then 4 M random triples (small accumulators, where rounding ties are
 * frequent, and full-range ones). */
static void check_rshift_requant(void)
{
    static const int32_t xs[] = {0, 1, -1, 2, -2, 3, -3, INT32_MAX, INT32_MIN, INT32_MIN + 1, INT32_MAX - 1,
                                 1 << 30, -(1 << 30), 12345, -12345};
    static const int32_t ms[] = {0, 1, 3, 1 << 30, (1 << 30) + 1, INT32_MAX, INT32_MAX - 1, 1518500250};
    int32_t e, i, j, bad = 0;
    uint32_t state = 2463534242u;
    for (e = 1; e <= 31; ++e) {
        for (i = 0; i < (int32_t)(sizeof xs / sizeof xs[0]); ++i) {
            for (j = 0; j < (int32_t)(sizeof ms / sizeof ms[0]); ++j) {
                const tf_rshift_quant q = tf_rshift_quant_of(ms[j], -e);
                bad += tf_mbqm_rshift(xs[i], &q) != tf_mbqm(xs[i], ms[j], -e);
            }
        }
    }
    for (i = 0; i < 4000000; ++i) {
        uint32_t a, b;
        int32_t x, m;
        state ^= state << 13; state ^= state >> 17; state ^= state << 5; a = state;
        state ^= state << 13; state ^= state >> 17; state ^= state << 5; b = state;
        e = 1 + (int32_t)(a % 31u);
        m = (int32_t)((b & 0x7FFFFFFFu) | ((i & 1) ? 0x40000000u : 0u));
        x = (i & 2) ? (int32_t)(a ^ b) : (int32_t)((a ^ b) % 20001u) - 10000;
        {
            const tf_rshift_quant q = tf_rshift_quant_of(m, -e);
            bad += tf_mbqm_rshift(x, &q) != tf_mbqm(x, m, -e);
        }
    }
    expect(bad == 0, "tf_mbqm_rshift equals tf_mbqm for right shifts");
}

/* tf_window's clipped tap ranges against the per-tap bounds test they replace, over origins, steps,
 * filter sizes and image sizes, including windows entirely outside the image. */
static void check_window_taps(void)
{
    int32_t origin, step, taps, size, t;
    int ok = 1;
    for (origin = -9; origin <= 9; ++origin) {
        for (step = 1; step <= 3; ++step) {
            for (taps = 1; taps <= 7; ++taps) {
                for (size = 1; size <= 6; ++size) {
                    int32_t lo, hi;
                    tf_window_taps(origin, step, taps, size, &lo, &hi);
                    for (t = 0; t < taps; ++t) {
                        const int32_t i = origin + step * t;
                        ok &= (i >= 0 && i < size) == (t >= lo && t < hi);
                    }
                    ok &= lo <= hi;
                }
            }
        }
    }
    expect(ok, "tf_window_taps: the taps inside the image");
}

int main(int argc, char **argv)
{
    check_resize();
    check_window_taps();
    check_helpers();
    check_rshift_requant();
    check_quantize();
    check_binary_broadcast();
    check_layout();
    check_transcendentals();
    if (argc > 1) {
        check_mean_golden(argv[1]);
    }
    printf("selfcheck: %d checks, %d failed\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
