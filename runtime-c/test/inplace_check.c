/* In-place kernels against their out-of-place twins on random data and shapes: the in-place result
 * (computed over a copy of the input) must equal the normal kernel's output byte for byte.
 *  - tf_depthwise_conv_s8_nhwc_inplace: multiplier 1 with strides 1-3, dilations 1-2, any padding
 *    (including output larger than input); multipliers 2-8 on the shapes where the write replay
 *    below says the in-place order is safe (the compiler makes the same decision);
 *  - tf_conv_s8_1x1_inplace: widening and narrowing 1x1 convolutions.
 * Prints "inplace: N checks, M failed" and exits non-zero on any failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tf_kernels.h"

static int checks, failures;
static uint32_t rng = 2463534242u;

static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}
static int32_t range(int32_t lo, int32_t hi) { return lo + (int32_t)(next() % (uint32_t)(hi - lo + 1)); }
static void fill(int8_t *p, int32_t n)
{
    int32_t i;
    for (i = 0; i < n; ++i) p[i] = (int8_t)(next() >> 24);
}

/* Same rule as the compiler's DepthwiseInPlaceSafety. */
static int dw_safe(int32_t in_h, int32_t in_w, int32_t c, int32_t out_h, int32_t out_w, int32_t mult)
{
    int64_t in_bytes = (int64_t)in_h * in_w * c, p, addr;
    int32_t ch, k;
    for (ch = 0; ch < c; ++ch)
        for (p = 0; p < (int64_t)out_h * out_w; ++p)
            for (k = 0; k < mult; ++k) {
                addr = p * c * mult + (int64_t)ch * mult + k;
                if (addr < in_bytes && addr % c > ch) return 0;
            }
    return 1;
}

static void quant_of(tf_per_channel_quant *q, int32_t *mul, int32_t *sh, int32_t n)
{
    int32_t i;
    for (i = 0; i < n; ++i) {
        mul[i] = (int32_t)(0x40000000u + (next() % 0x3fffffffu));
        sh[i] = range(-10, -4);
    }
    q->multiplier = mul;
    q->shift = sh;
}

static int check_dw(int32_t mult_max)
{
    int32_t in_h = range(1, 12), in_w = range(1, 12), c = range(1, 9), mult = range(1, mult_max);
    int32_t fh = range(1, 5), fw = range(1, 5), sh = range(1, 3), sw = range(1, 3), dh = range(1, 2), dw = range(1, 2);
    int32_t pt = range(0, 3), pl = range(0, 3), pb = range(0, 3), pr = range(0, 3);
    int32_t eh = dh * (fh - 1) + 1, ew = dw * (fw - 1) + 1;
    int32_t out_h = (in_h + pt + pb - eh) / sh + 1, out_w = (in_w + pl + pr - ew) / sw + 1, oc = c * mult;
    int64_t in_n, out_n, big;
    int8_t *in, *filter, *ref, *buf, *scratch;
    int32_t *bias, *mul, *shf;
    tf_per_channel_quant q;
    tf_dw_conv_params prm;
    tf_dims id, fd, od;
    int ok;
    if (in_h + pt + pb < eh || in_w + pl + pr < ew) return 0;
    if (!dw_safe(in_h, in_w, c, out_h, out_w, mult)) return 0;
    in_n = (int64_t)in_h * in_w * c;
    out_n = (int64_t)out_h * out_w * oc;
    big = in_n > out_n ? in_n : out_n;
    in = malloc((size_t)in_n); filter = malloc((size_t)(fh * fw * oc)); ref = malloc((size_t)out_n);
    buf = malloc((size_t)big); scratch = malloc((size_t)(out_h * out_w * mult));
    bias = malloc(sizeof(int32_t) * (size_t)oc); mul = malloc(sizeof(int32_t) * (size_t)oc); shf = malloc(sizeof(int32_t) * (size_t)oc);
    fill(in, (int32_t)in_n);
    fill(filter, fh * fw * oc);
    {
        int32_t i;
        for (i = 0; i < oc; ++i) bias[i] = range(-5000, 5000);
    }
    quant_of(&q, mul, shf, oc);
    prm.input_offset = range(-127, 128);
    prm.output_offset = range(-128, 127);
    prm.depth_multiplier = mult;
    prm.stride.h = sh; prm.stride.w = sw; prm.dilation.h = dh; prm.dilation.w = dw;
    prm.padding.top = pt; prm.padding.left = pl;
    prm.activation.min = -128; prm.activation.max = 127;
    id.n = 1; id.h = in_h; id.w = in_w; id.c = c;
    fd.n = 1; fd.h = fh; fd.w = fw; fd.c = oc;
    od.n = 1; od.h = out_h; od.w = out_w; od.c = oc;
    tf_depthwise_conv_s8_nhwc(&prm, &q, &id, in, &fd, filter, bias, &od, ref);
    memset(buf, 0x5a, (size_t)big);
    memcpy(buf, in, (size_t)in_n);
    tf_depthwise_conv_s8_nhwc_inplace(&prm, &q, &id, &fd, filter, bias, &od, buf, scratch);
    ok = memcmp(ref, buf, (size_t)out_n) == 0;
    ++checks;
    if (!ok) {
        ++failures;
        printf("inplace FAIL: depthwise in %dx%dx%d mult %d filter %dx%d stride %d,%d dil %d,%d pad %d,%d\n",
               in_h, in_w, c, mult, fh, fw, sh, sw, dh, dw, pt, pl);
    }
    free(in); free(filter); free(ref); free(buf); free(scratch); free(bias); free(mul); free(shf);
    return 1;
}

static void check_pointwise(void)
{
    int32_t h = range(1, 10), w = range(1, 10), ic = range(1, 40), oc = range(1, 40);
    int64_t in_n = (int64_t)h * w * ic, out_n = (int64_t)h * w * oc, big = in_n > out_n ? in_n : out_n;
    int8_t *in = malloc((size_t)in_n), *filter = malloc((size_t)(ic * oc)), *ref = malloc((size_t)out_n);
    int8_t *buf = malloc((size_t)big), *scratch = malloc((size_t)ic);
    int32_t *bias = malloc(sizeof(int32_t) * (size_t)oc), *mul = malloc(sizeof(int32_t) * (size_t)oc);
    int32_t *shf = malloc(sizeof(int32_t) * (size_t)oc), i;
    tf_per_channel_quant q;
    tf_conv_params prm;
    tf_dims id, fd, od;
    fill(in, (int32_t)in_n);
    fill(filter, ic * oc);
    for (i = 0; i < oc; ++i) bias[i] = range(-5000, 5000);
    quant_of(&q, mul, shf, oc);
    prm.input_offset = range(-127, 128);
    prm.output_offset = range(-128, 127);
    prm.stride.h = prm.stride.w = 1; prm.dilation.h = prm.dilation.w = 1;
    prm.padding.top = prm.padding.left = 0;
    prm.activation.min = range(-128, 0); prm.activation.max = range(1, 127);
    id.n = 1; id.h = h; id.w = w; id.c = ic;
    fd.n = oc; fd.h = 1; fd.w = 1; fd.c = ic;
    od.n = 1; od.h = h; od.w = w; od.c = oc;
    tf_conv_s8_nhwc(&prm, &q, &id, in, &fd, filter, bias, &od, ref);
    memset(buf, 0x5a, (size_t)big);
    memcpy(buf, in, (size_t)in_n);
    tf_conv_s8_1x1_inplace(&prm, &q, &id, &fd, filter, bias, &od, buf, scratch);
    ++checks;
    if (memcmp(ref, buf, (size_t)out_n) != 0) {
        ++failures;
        printf("inplace FAIL: 1x1 conv %dx%d, %d -> %d channels\n", h, w, ic, oc);
    }
    free(in); free(filter); free(ref); free(buf); free(scratch); free(bias); free(mul); free(shf);
}

int main(void)
{
    int i, dw1 = 0, dwm = 0;
    while (dw1 < 2000) dw1 += check_dw(1);
    for (i = 0; i < 20000 && dwm < 300; ++i) dwm += check_dw(8);
    for (i = 0; i < 2000; ++i) check_pointwise();
    printf("inplace: %d checks (%d depthwise multiplier 1, %d depthwise any multiplier where safe, 2000 1x1), %d failed\n",
           checks, dw1, dwm, failures);
    return failures ? 1 : 0;
}
