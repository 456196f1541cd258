package dev.tinyforge.passes.qdq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;
import dev.tinyforge.passes.FuseActivation.FusedActivation;
import dev.tinyforge.passes.Pass;

/**
 * DEQUANTIZE(x) and DEQUANTIZE(constant weights) into a float CONV_2D / DEPTHWISE_CONV_2D /
 * FULLY_CONNECTED whose result is quantized (QDQ models, and QLinearConv / QLinearMatMul, which the
 * frontend writes the same way) become the int8 op with TFLite's quantization: per-channel (or per-tensor)
 * int8 weights with zero point 0, an int32 bias at scale input_scale x weight_scale, the result's
 * quantization, a clamp before quantizing as the fused activation.
 *
 * <p>Weights with a zero point are shifted to zero point 0 when every shifted value fits int8, or fits
 * after dividing by a common factor moved into the scale (exact up to the float rounding of the grown
 * scale; only for ops without a bias, which that scale would round); otherwise the op stays float. A bias
 * whose scale is not input_scale x weight_scale (in float) is requantized to it, rounding half away from
 * zero. The integer accumulation is exact; the result can differ from ONNX's float definition only in the
 * final requantization: TFLite's 31-bit fixed-point multiplier and its rounding against ONNX's float
 * scale and round-half-even, at most 1 LSB, and only for results within about 1e-6 LSB of a rounding
 * boundary or on exact ties.
 */
public final class LowerQdqConv implements Pass {
    @Override public String name() { return "lower-qdq-conv"; }

    @Override public void run(Graph g) {
        for (Node op : new ArrayList<>(g.nodes())) {
            if (op.kind() != OpKind.CONV_2D && op.kind() != OpKind.DEPTHWISE_CONV_2D && op.kind() != OpKind.FULLY_CONNECTED) continue;
            if (!g.nodes().contains(op) || !op.output().type().elementType().isFloat()) continue;
            lower(g, op);
        }
    }

    private static void lower(Graph g, Node op) {
        Value xq = Int8Values.dequantized(op.input(0));
        if (xq == null) return;
        Tensor w = QuantizedConstant.of(op.input(1));
        if (w == null) return;
        int outAxis = op.kind() == OpKind.DEPTHWISE_CONV_2D ? 3 : 0;
        int channels = w.type().dim(outAxis);
        Quant stored = w.type().quant();
        w = zeroPointFree(w, outAxis, op.kind() == OpKind.FULLY_CONNECTED);
        if (w == null) return;
        // a weight scale grown by a common factor would round the bias: only without one
        if (!java.util.Arrays.equals(stored.scales(), w.type().quant().scales()) && op.input(2) != null) return;
        Quant wq = w.type().quant();
        if (wq.isPerChannel() && (wq.axis() != outAxis || wq.channels() != channels)) return;
        Value b = op.input(2);
        Tensor bias = null;
        float inScale = xq.type().quant().scale();
        if (b != null) {
            bias = int32Bias(b, inScale, wq, channels);
            if (bias == null) return;
        }
        QuantizedResult r = QuantizedResult.of(g, op.output());
        if (r == null || FusedActivation.of(op.attrs()) != Activation.NONE) return;
        Value x8 = Int8Values.view(g, xq);
        Value wv = g.newConstant(g.uniqueName(op.name() + "_filter"), w);
        Value bv = bias == null ? null : g.newConstant(g.uniqueName(op.name() + "_bias"), bias);
        Int8Values.replace(g, op, op.kind(), FusedActivation.with(op.attrs(), r.activation()), Arrays.asList(x8, wv, bv), r);
    }

    /**
     * Weights as int8 with zero point 0 (per-channel or per-tensor), or null when that is not exact. The
     * stored integers minus their zero point are what multiplies; when some do not fit int8 but all share a
     * factor d that brings them into range, they are divided by d and the scale multiplied by d (exact: the
     * products scale x integer are unchanged). FULLY_CONNECTED may keep a per-tensor zero point instead (its
     * kernel subtracts it).
     */
    static Tensor zeroPointFree(Tensor w, int axis, boolean zeroPointAllowed) {
        Quant q = w.type().quant();
        ElementType et = w.type().elementType();
        if (et != ElementType.INT8 && et != ElementType.UINT8) return null;
        int[] shape = w.type().shape();
        int channels = q.isPerChannel() ? shape[q.axis()] : 1;
        int inner = 1;
        for (int d = (q.isPerChannel() ? q.axis() : shape.length - 1) + 1; d < shape.length; d++) inner *= shape[d];
        int[] shifted = new int[w.size()];
        int max = 0, common = 0;
        for (int i = 0; i < shifted.length; i++) {
            int ch = q.isPerChannel() ? (i / inner) % channels : 0;
            shifted[i] = (int) w.getLong(i) - q.zeroPoint(ch);
            max = Math.max(max, Math.abs(shifted[i]));
            common = gcd(common, Math.abs(shifted[i]));
        }
        int divisor = 1;
        if (max > 127) {
            for (int d = (max + 126) / 127; d <= common && divisor == 1; d++) if (common % d == 0) divisor = d;
        }
        if (max / divisor <= 127 && (max <= 127 || divisor > 1)) {
            byte[] out = new byte[shifted.length];
            for (int i = 0; i < out.length; i++) out[i] = (byte) (shifted[i] / divisor);
            float[] scales = q.scales();
            for (int c = 0; c < scales.length; c++) scales[c] *= divisor;
            return Tensor.wrap(new TensorType(ElementType.INT8, shape, new Quant(scales, new int[q.channels()], q.axis())), out);
        }
        if (!zeroPointAllowed || q.isPerChannel()) return null;
        // per-tensor FULLY_CONNECTED: uint8 becomes int8 with the zero point moved by 128
        if (et == ElementType.INT8) return w;
        byte[] out = new byte[shifted.length];
        for (int i = 0; i < out.length; i++) out[i] = (byte) (w.getLong(i) - 128);
        return Tensor.wrap(new TensorType(ElementType.INT8, shape, Quant.perTensor(q.scale(), q.zeroPoint() - 128)), out);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** The bias as int32 at scale inScale x weight scale per channel, or null when it is not a constant. */
    private static Tensor int32Bias(Value b, float inScale, Quant wq, int channels) {
        Tensor qb = QuantizedConstant.of(b);
        float[] real = new float[channels];
        int[] stored = new int[channels];
        boolean asIs = qb != null && qb.type().elementType() == ElementType.INT32;
        if (qb != null) {
            if (qb.size() != channels) return null;
            Quant bq = qb.type().quant();
            for (int c = 0; c < channels; c++) {
                stored[c] = (int) qb.getLong(c) - bq.zeroPoint(c);
                real[c] = bq.scale(c) * stored[c];
                float want = inScale * wq.scale(c);
                asIs &= bq.zeroPoint(c) == 0 && Math.abs(bq.scale(c) - want) <= 1e-6 * want;
            }
        } else if (b.isConstant() && b.type().elementType().isFloat() && b.type().elementCount() == channels) {
            for (int c = 0; c < channels; c++) real[c] = b.constant().float32()[c];
        } else {
            return null;
        }
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            scales[c] = inScale * wq.scale(c);
            if (!asIs) {
                double v = Math.round(Math.abs((double) real[c] / scales[c])) * Math.signum(real[c]);
                if (Math.abs(v) > Integer.MAX_VALUE) return null;
                stored[c] = (int) v;
            }
        }
        Quant q = channels == 1 ? Quant.perTensor(scales[0], 0) : new Quant(scales, new int[channels], 0);
        return Tensor.wrap(new TensorType(ElementType.INT32, new int[] {channels}, q), stored);
    }
}
