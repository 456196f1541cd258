package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;
import dev.tinyforge.plan.InPlace;
import dev.tinyforge.quant.params.ConvParams;

/**
 * CONV_2D and DEPTHWISE_CONV_2D: int8 (per-channel requantization), int16 activations with int8 weights
 * and int64 bias (TFLite 16x8, the *_s16 kernels), and float32.
 */
public final class ConvEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        boolean depthwise = n.attrs() instanceof Attrs.DepthwiseConv2D;
        String inDims = ctx.dims("in_dims", in.type()), wDims = ctx.dims("filter_dims", w.type()),
                outDims = ctx.dims("out_dims", out.type());
        if (Structs.isInt8(in) || Structs.isInt16(in)) {
            // int16 CONV_2D without bias or with an int32 bias uses TFLM's int32-accumulator kernel
            boolean bias32 = Structs.isInt16(in) && !depthwise && (bias == null || bias.type().elementType() == ElementType.INT32);
            if (Structs.isInt16(in) && !bias32) Structs.requireInt64Bias(n, bias);
            ConvParams p = ConvParams.prepare(n);
            String quant = "&" + ctx.declare("tf_per_channel_quant", "quant",
                    "{" + ctx.declareInts("multiplier", p.multipliers()) + ", " + ctx.declareInts("shift", p.shifts()) + "}");
            String geometry = Structs.hw(p.strideH(), p.strideW()) + ", " + Structs.hw(p.dilationH(), p.dilationW()) + ", "
                    + Structs.hw(p.padTop(), p.padLeft()) + ", " + Structs.act(p.activationMin(), p.activationMax());
            String params = depthwise
                    ? "&" + ctx.declare("tf_dw_conv_params", "params", "{" + p.inputOffset() + ", " + p.outputOffset() + ", "
                            + p.depthMultiplier() + ", " + geometry + "}")
                    : "&" + ctx.declare("tf_conv_params", "params", "{" + p.inputOffset() + ", " + p.outputOffset() + ", " + geometry + "}");
            if (depthwise && ctx.isOverlapped(n)) {
                // planned for one pixel at a time (PixelWindows): only a pixel-order kernel may run it
                if (MveKernels.overlappedOneChannelDepthwise(n, ctx, code, p, params, quant, inDims, wDims, outDims)) return;
                code.call(pixelOrderDepthwise(ctx, in, p), params, quant, inDims, ctx.ptr(in), wDims, ctx.ptr(w), ctx.ptr(bias),
                        outDims, ctx.ptr(out));
                return;
            }
            if (MveKernels.conv(n, ctx, code, p, params, quant, inDims, wDims, outDims)) return;
            if (!depthwise && DspPointwiseKernels.conv(n, ctx, code, p, params, quant, inDims, wDims, outDims)) return;
            if (depthwise && DspDepthwiseKernels.depthwise(n, ctx, code, p, params, quant, inDims, wDims, outDims)) return;
            InPlace ip = ctx.inPlace(n);
            if (ip != null) {
                // The plan put the output at the input's first byte; the kernel keeps every output byte as the normal one.
                String scratch = ctx.scratch(ip.scratch());
                String conv1x1 = ctx.isa().hasDsp() ? "tf_conv_s8_1x1_inplace_dsp" : "tf_conv_s8_1x1_inplace";
                String dw = ctx.isa().hasDsp() && isDepthwiseDspShape(w, p) ? "tf_depthwise_conv_s8_inplace_dsp"
                        : "tf_depthwise_conv_s8_nhwc_inplace";
                code.call(depthwise ? dw : conv1x1, params, quant, inDims,
                        wDims, ctx.ptr(w), ctx.ptr(bias), outDims, ctx.ptr(out), scratch);
            } else if (depthwise && ctx.isa().hasDsp() && Structs.isInt8(in)
                    && (isDepthwiseDspShape(w, p) || in.type().shape()[in.type().shape().length - 1] == 1)) {
                code.call("tf_depthwise_conv_s8_dsp", params, quant, inDims, ctx.ptr(in), wDims, ctx.ptr(w), ctx.ptr(bias),
                        outDims, ctx.ptr(out));
            } else if (!depthwise && ctx.isa().hasDsp() && isPointwiseInt8(in, w, p)) {
                code.call("tf_conv_s8_1x1_dsp", params, quant, inDims, ctx.ptr(in), wDims, ctx.ptr(w), ctx.ptr(bias), outDims,
                        ctx.ptr(out));
            } else if (!depthwise && DspConvKernels.conv(n, ctx, code, p, params, quant, inDims, wDims, outDims)) {
                // a general convolution specialized per layer (DSP): emitted by DspConvKernels
            } else if (!depthwise && ctx.isa().hasDsp() && isIm2colInt8(in, w)) {
                code.call("tf_conv_s8_dsp", params, quant, inDims, ctx.ptr(in), wDims, ctx.ptr(w), ctx.ptr(bias), outDims,
                        ctx.ptr(out));
            } else {
                String type = Structs.intSuffix(in) + (bias32 ? "_bias32" : "");
                code.call(depthwise ? "tf_depthwise_conv_" + type + "_nhwc" : "tf_conv_" + type + "_nhwc", params, quant, inDims,
                        ctx.ptr(in), wDims, ctx.ptr(w), ctx.ptr(bias), outDims, ctx.ptr(out));
            }
        } else if (Structs.isFloat(in)) {
            int[] pads, strides, dil;
            Activation act;
            if (depthwise) {
                Attrs.DepthwiseConv2D a = n.attrs(Attrs.DepthwiseConv2D.class);
                pads = a.pads(); strides = a.strides(); dil = a.dilations(); act = a.activation();
            } else {
                Attrs.Conv2D a = n.attrs(Attrs.Conv2D.class);
                pads = a.pads(); strides = a.strides(); dil = a.dilations(); act = a.activation();
            }
            String geometry = Structs.hw(strides[0], strides[1]) + ", " + Structs.hw(dil[0], dil[1]) + ", "
                    + Structs.hw(pads[0], pads[1]) + ", " + Structs.actF32(act);
            String params = depthwise
                    ? "&" + ctx.declare("tf_dw_conv_f32_params", "params",
                            "{" + n.attrs(Attrs.DepthwiseConv2D.class).depthMultiplier() + ", " + geometry + "}")
                    : "&" + ctx.declare("tf_conv_f32_params", "params", "{" + geometry + "}");
            code.call(depthwise ? "tf_depthwise_conv_f32_nhwc" : "tf_conv_f32_nhwc", params, inDims, ctx.ptr(in), wDims,
                    ctx.ptr(w), ctx.ptr(bias), outDims, ctx.ptr(out));
        } else {
            throw Structs.unsupportedType(n, in);
        }
    }

    /**
     * An overlapped depthwise (output over its input's consumed head) needs a kernel that goes pixel by
     * pixel, not the channel-plane ones: tf_depthwise_conv_s8_dsp's one-input-channel path (a column of taps
     * per pixel, multiplier > 1, so never its plane path) or the portable kernel.
     */
    private static String pixelOrderDepthwise(EmitContext ctx, Value in, ConvParams p) {
        int[] s = in.type().shape();
        return ctx.isa().hasDsp() && s[s.length - 1] == 1 && p.depthMultiplier() > 1 ? "tf_depthwise_conv_s8_dsp"
                : "tf_depthwise_conv_s8_nhwc";
    }

    /** The fast path of the depthwise *_dsp kernels: 1xKxKxC filter with K 3, 5 or 7, depth multiplier 1, dilation 1. */
    private static boolean isDepthwiseDspShape(Value w, ConvParams p) {
        int[] f = w.type().shape();
        return f.length == 4 && f[1] == f[2] && (f[1] == 3 || f[1] == 5 || f[1] == 7) && p.depthMultiplier() == 1
                && p.dilationH() == 1 && p.dilationW() == 1;
    }

    /**
     * What tf_conv_s8_dsp's tile and im2col paths compute: int8, no groups, at most 640 taps per filter (their stack
     * buffers; above 512 only with right shifts, else the kernel itself falls back to portable C).
     */
    private static boolean isIm2colInt8(Value in, Value w) {
        int[] f = w.type().shape(), x = in.type().shape();
        return Structs.isInt8(in) && f.length == 4 && f[3] == x[x.length - 1] && (long) f[1] * f[2] * f[3] <= 640;
    }

    /** What tf_conv_s8_1x1_dsp computes: int8, 1x1 filter (OHWI), no top/left padding, no groups; any stride. */
    private static boolean isPointwiseInt8(Value in, Value w, ConvParams p) {
        int[] f = w.type().shape(), x = in.type().shape();
        return Structs.isInt8(in) && f.length == 4 && f[1] == 1 && f[2] == 1 && f[3] == x[x.length - 1]
                && p.padTop() == 0 && p.padLeft() == 0;
    }
}
