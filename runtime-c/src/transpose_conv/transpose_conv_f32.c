/* TRANSPOSE_CONV float32 (ONNX ConvTranspose): every input pixel scatters input x filter into the output
 * window it covers (input NHWC, filter IHWO with O per group), positions outside the output (the pads)
 * dropped, then the bias is added; the same order of float additions as the interpreter. g holds
 * {n, in_h, in_w, in_c, k_h, k_w, out_c_per_group, out_h, out_w, out_c, groups, stride_h, stride_w,
 * dilation_h, dilation_w, pad_top, pad_left}. */
#include "tf_kernels.h"

void tf_transpose_conv_f32(const int32_t *g, const float *in, const float *filter, const float *bias, float *out)
{
    const int32_t n = g[0], ih = g[1], iw = g[2], ic = g[3], kh = g[4], kw = g[5], ocg = g[6];
    const int32_t oh = g[7], ow = g[8], oc = g[9], icg = ic / g[10];
    int32_t b, y, x, c, ky, kx, k, i;
    const int32_t total = n * oh * ow * oc;

    for (i = 0; i < total; ++i) out[i] = 0.0f;
    for (b = 0; b < n; ++b) {
        for (y = 0; y < ih; ++y) {
            for (x = 0; x < iw; ++x) {
                for (c = 0; c < ic; ++c) {
                    const float v = in[((b * ih + y) * iw + x) * ic + c];
                    const int32_t group = c / icg;
                    for (ky = 0; ky < kh; ++ky) {
                        const int32_t oy = y * g[11] + ky * g[13] - g[15];
                        if (oy < 0 || oy >= oh) continue;
                        for (kx = 0; kx < kw; ++kx) {
                            const int32_t ox = x * g[12] + kx * g[14] - g[16];
                            const float *w;
                            float *o;
                            if (ox < 0 || ox >= ow) continue;
                            w = filter + ((c * kh + ky) * kw + kx) * ocg;
                            o = out + ((b * oh + oy) * ow + ox) * oc + group * ocg;
                            for (k = 0; k < ocg; ++k) o[k] += v * w[k];
                        }
                    }
                }
            }
        }
    }
    if (bias) {
        for (i = 0; i < total; ++i) out[i] += bias[i % oc];
    }
}
