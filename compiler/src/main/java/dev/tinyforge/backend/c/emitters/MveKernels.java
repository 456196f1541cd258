package dev.tinyforge.backend.c.emitters;

import java.util.Arrays;

import dev.tinyforge.Isa;
import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;
import dev.tinyforge.plan.InPlace;
import dev.tinyforge.quant.params.ConvParams;
import dev.tinyforge.quant.params.FullyConnectedParams;

/**
 * The Helium (MVE) kernel of an int8 layer on Cortex-M55/M85 ({@link Isa#MVE}), or nothing (the caller
 * then emits its usual call). The convolution and FC kernels multiply the raw input bytes, so the input
 * offset is folded here into the bias: folded[oc] = bias[oc] + inputOffset * (sum of filter oc's taps),
 * in int32 like the kernels' accumulators (runtime-c/src/common/tf_mve_s8.h says why that is exact).
 */
final class MveKernels {
    /** Filter taps (h * w * in_c) tf_conv_s8_mve's im2col column holds: TF_CONV_MVE_MAX_COLUMN in tf_kernels.h. */
    static final int MAX_COLUMN = 1152;

    private MveKernels() {}

    /**
     * An overlapped DEPTHWISE_CONV_2D int8 (output over its input's consumed head, planned one pixel at a time)
     * with one input channel: emits the im2col convolution and returns true, or returns false. Its pairs of
     * pixels read both columns before writing either output, so every input is read no later than in pixel
     * order and every output written no earlier: what the one-pixel plan allows.
     */
    static boolean overlappedOneChannelDepthwise(Node n, EmitContext ctx, LayerCode code, ConvParams p, String params,
                                                 String quant, String inDims, String wDims, String outDims) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2);
        if (ctx.isa() != Isa.MVE || !Structs.isInt8(in) || !constantWeights(w, bias)) return false;
        int[] x = in.type().shape(), f = w.type().shape();
        if (x[x.length - 1] != 1 || (long) f[1] * f[2] > MAX_COLUMN) return false;
        oneChannelDepthwise(n, ctx, code, p, params, quant, inDims, wDims, outDims);
        return true;
    }

    /** CONV_2D / DEPTHWISE_CONV_2D int8: emits the MVE kernel call and returns true, or returns false. */
    static boolean conv(Node n, EmitContext ctx, LayerCode code, ConvParams p, String params, String quant, String inDims,
                        String wDims, String outDims) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        if (ctx.isa() != Isa.MVE || !Structs.isInt8(in) || !constantWeights(w, bias)) return false;
        int[] f = w.type().shape(), x = in.type().shape();
        boolean depthwise = n.attrs() instanceof Attrs.DepthwiseConv2D;
        InPlace ip = ctx.inPlace(n);
        if (depthwise && x[x.length - 1] == 1 && ip == null && (long) f[1] * f[2] <= MAX_COLUMN) {
            oneChannelDepthwise(n, ctx, code, p, params, quant, inDims, wDims, outDims);
            return true;
        }
        return depthwise ? MveDepthwise.depthwise(n, ctx, code, p, params, quant, inDims, wDims, outDims, ip)
                : convolution(n, ctx, code, p, params, quant, inDims, wDims, outDims, ip);
    }

    /**
     * One input channel: each output channel is a plain convolution of it, so the im2col kernels run the layer
     * with the 1xHxWxM filter stored as M x H x W x 1 (OHWI); same sums, same requantization.
     */
    private static void oneChannelDepthwise(Node n, EmitContext ctx, LayerCode code, ConvParams p, String params, String quant,
                                            String inDims, String wDims, String outDims) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        int[] f = w.type().shape(), x = in.type().shape();
        String filter = transposedDepthwiseFilter(ctx, w);
        String convParams = "&" + ctx.declare("tf_conv_params", "conv_params", "{" + p.inputOffset() + ", "
                + p.outputOffset() + ", " + Structs.hw(p.strideH(), p.strideW()) + ", " + Structs.hw(p.dilationH(), p.dilationW())
                + ", " + Structs.hw(p.padTop(), p.padLeft()) + ", " + Structs.act(p.activationMin(), p.activationMax()) + "}");
        code.statement("(void)" + params + "; /* the depthwise parameters, declared by the caller, are not needed */");
        String folded = foldedBias(ctx, MveDepthwise.depthwiseSums(w), bias, p.inputOffset());
        if (x.length == 4 && x[0] == 1 && (long) f[1] * f[2] <= MveLayerBodies.BODY_MAX_TAPS) {
            MveLayerBodies.convBody(ctx, code, convParams, quant, filter, folded, x, f[1], f[2], out.type().shape(), p, ctx.ptr(in),
                    ctx.ptr(out));
            code.statement("(void)" + inDims + "; (void)" + wDims + "; (void)" + outDims + "; /* the shapes are constants of the call */");
            return;
        }
        // tf_conv_s8_mve reads only h and w of filter_dims (taps = h * w * in_c), the same for both layouts
        code.call("tf_conv_s8_mve", convParams, quant, inDims, ctx.ptr(in), wDims, filter, folded, outDims, ctx.ptr(out));
    }

    /** CONV_2D int8: emits the MVE kernel call and returns true, or returns false. */
    private static boolean convolution(Node n, EmitContext ctx, LayerCode code, ConvParams p, String params, String quant,
                                       String inDims, String wDims, String outDims, InPlace ip) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        int[] f = w.type().shape(), x = in.type().shape();
        boolean groups = f[3] != x[x.length - 1];
        boolean pointwise = f[1] == 1 && f[2] == 1 && p.padTop() == 0 && p.padLeft() == 0;
        if (groups) return false;
        if (pointwise && p.strideH() == 1 && p.strideW() == 1 && MveLayerBodies.lanePointwise(f[3], f[0], (long) out.type().elementCount() / f[0])) {
            MveLayerBodies.lanePointwiseBody(n, ctx, code, p, params, quant, ip != null);
            code.statement("(void)" + inDims + "; (void)" + wDims + "; (void)" + outDims + "; /* the shapes are constants of the call */");
            return true;
        }
        if (pointwise && p.strideH() == 1 && p.strideW() == 1 && f[3] <= MveLayerBodies.BODY_MAX_TAPS) {
            MveLayerBodies.pointwiseBody(n, ctx, code, p, params, quant, ip != null);
            code.statement("(void)" + inDims + "; (void)" + wDims + "; (void)" + outDims + "; /* the shapes are constants of the call */");
            return true;
        }
        if (ip != null) {
            if (!pointwise) return false;
            code.call("tf_conv_s8_1x1_inplace_mve", params, quant, inDims, wDims, ctx.ptr(w),
                    foldedBias(ctx, rowSums(w), bias, p.inputOffset()), outDims, ctx.ptr(out), ctx.scratch(ip.scratch()));
            return true;
        }
        if (pointwise) {
            code.call("tf_conv_s8_1x1_mve", params, quant, inDims, ctx.ptr(in), wDims, ctx.ptr(w),
                    foldedBias(ctx, rowSums(w), bias, p.inputOffset()), outDims, ctx.ptr(out));
            return true;
        }
        if ((long) f[1] * f[2] * f[3] > MAX_COLUMN) return false;
        int[] foldedValues = foldedValues(rowSums(w), bias, p.inputOffset());
        String folded = ctx.declareInts("folded_bias", foldedValues);
        if (x.length == 4 && x[0] == 1 && MveGatherConv.applies(x, f, p)) {
            MveGatherConv.body(ctx, code, params, quant, w, folded, foldedValues, x,
                    out.type().shape(), p, ctx.ptr(in), ctx.ptr(out));
            code.statement("(void)" + inDims + "; (void)" + wDims + "; (void)" + outDims + "; /* the shapes are constants of the call */");
            return true;
        }
        if (x.length == 4 && x[0] == 1 && (long) f[1] * f[2] * f[3] <= MveLayerBodies.BODY_MAX_TAPS) {
            MveLayerBodies.convBody(ctx, code, params, quant, ctx.ptr(w), folded, x, f[1], f[2], out.type().shape(), p, ctx.ptr(in),
                    ctx.ptr(out));
            code.statement("(void)" + inDims + "; (void)" + wDims + "; (void)" + outDims + "; /* the shapes are constants of the call */");
            return true;
        }
        code.call("tf_conv_s8_mve", params, quant, inDims, ctx.ptr(in), wDims, ctx.ptr(w), folded, outDims, ctx.ptr(out));
        return true;
    }

    /** FULLY_CONNECTED int8 with symmetric weights: emits tf_fully_connected_s8_mve and returns true, or returns false. */
    static boolean fullyConnected(Node n, EmitContext ctx, LayerCode code, FullyConnectedParams p, String params, String quant,
                                  String batches) {
        Value in = n.input(0), w = n.input(1), bias = n.input(2), out = n.output();
        if (ctx.isa() != Isa.MVE || !Structs.isInt8(in) || p.filterOffset() != 0 || !constantWeights(w, bias)) return false;
        code.call("tf_fully_connected_s8_mve", params, quant, batches, Integer.toString(w.type().dim(1)), ctx.ptr(in),
                Integer.toString(w.type().dim(0)), ctx.ptr(w), foldedBias(ctx, rowSums(w), bias, p.inputOffset()), ctx.ptr(out));
        return true;
    }

    /** Kernels with an MVE twin of the same signature: tf_add_s8, tf_quantize_f32_s8. */
    private static final java.util.Set<String> SAME_SIGNATURE = java.util.Set.of("tf_add_s8", "tf_quantize_f32_s8");

    /** The kernel to call instead of {@code fn} ("tf_add_s8" becomes "tf_add_s8_mve" on MVE). */
    static String elementwise(EmitContext ctx, String fn) {
        return ctx.isa() == Isa.MVE && SAME_SIGNATURE.contains(fn) ? fn + "_mve" : fn;
    }

    /** int8 constant weights and an int32 constant bias (or none): what the folded bias is computed from. */
    static boolean constantWeights(Value w, Value bias) {
        return w.isConstant() && w.type().elementType() == ElementType.INT8
                && (bias == null || (bias.isConstant() && bias.type().elementType() == ElementType.INT32));
    }

    /** Declares the 1 x H x W x M filter of a one-input-channel depthwise layer as M x H x W x 1; returns its name. */
    private static String transposedDepthwiseFilter(EmitContext ctx, Value w) {
        byte[] v = w.constant().int8();
        int m = w.type().dim(3), taps = v.length / m;
        int[] t = new int[v.length];
        for (int o = 0; o < m; o++) for (int i = 0; i < taps; i++) t[o * taps + i] = v[i * m + o];
        return ctx.declareArray("int8_t", "filter_ohwi", t.length, dev.tinyforge.backend.c.CLiterals.array(t));
    }

    /** Sum of each output row's weights ([O][...] layouts: conv OHWI, FC [O][I]). */
    static int[] rowSums(Value w) {
        byte[] v = w.constant().int8();
        int rows = w.type().dim(0), k = v.length / rows;
        int[] s = new int[rows];
        for (int o = 0; o < rows; o++) for (int i = 0; i < k; i++) s[o] += v[o * k + i];
        return s;
    }

    /** Declares bias + inputOffset * sums (int32, wrapping) and returns its name. */
    static String foldedBias(EmitContext ctx, int[] sums, Value bias, int inputOffset) {
        return ctx.declareInts("folded_bias", foldedValues(sums, bias, inputOffset));
    }

    /** bias + inputOffset * sums (int32, wrapping), per output channel. */
    static int[] foldedValues(int[] sums, Value bias, int inputOffset) {
        int[] folded = Arrays.copyOf(sums, sums.length);
        int[] b = bias == null ? new int[sums.length] : bias.constant().int32();
        for (int i = 0; i < folded.length; i++) folded[i] = b[i] + inputOffset * sums[i];
        return folded;
    }
}
