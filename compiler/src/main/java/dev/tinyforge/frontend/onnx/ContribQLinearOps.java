package dev.tinyforge.frontend.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/**
 * ONNX Runtime's QOperator contrib ops (domain com.microsoft) that its quantizer writes around
 * QLinearConv / QLinearMatMul: QLinearAdd, QLinearMul, QLinearGlobalAveragePool, QLinearConcat. Each is
 * written as DEQUANTIZE, the float op, the quantize chain (ORT defines them so, computing in float), which
 * the QDQ lowering passes turn into the int8 op. Layout follows the inputs (NHWC when one already is).
 */
final class ContribQLinearOps {
    private ContribQLinearOps() {}

    static void register(Map<String, OnnxOp> m) {
        m.put("QLinearAdd", c -> binary(c, OpKind.ADD));
        m.put("QLinearMul", c -> binary(c, OpKind.MUL));
        m.put("QLinearGlobalAveragePool", ContribQLinearOps::globalAveragePool);
        m.put("QLinearConcat", ContribQLinearOps::concat);
    }

    private static int onnxType(NodeContext c, int zeroPointInput) {
        return switch (c.elementType(zeroPointInput)) {
            case INT8 -> OnnxProto.INT8;
            case UINT8 -> OnnxProto.UINT8;
            default -> throw c.unsupported(c.node.opType() + " on " + c.elementType(zeroPointInput));
        };
    }

    /** Input i (4-D in NHWC when nhwc) dequantized by inputs i+1 (scale) and i+2 (zero point). */
    private static Value dequantized(NodeContext c, int i, boolean nhwc) {
        Value x = nhwc ? ElementwiseOps.operandNhwc(c, i) : c.in(i);
        Value y = QuantOps.dequantizeNode(c, x, c.constant(i + 1), c.has(i + 2) ? c.constant(i + 2) : null, c.has(i + 2), 0);
        return y != null ? y : QuantOps.dequantizeValue(c, x, c.in(i + 1), c.has(i + 2) ? c.in(i + 2) : null, 0);
    }

    private static void binary(NodeContext c, OpKind kind) {
        // A, A_scale, A_zero_point, B, B_scale, B_zero_point, C_scale, C_zero_point
        int[] os = ElementwiseOps.broadcast(c.shape(0), c.shape(3));
        boolean nhwc = os.length == 4 && (c.isNhwc(0) || c.isNhwc(3));
        Value a = dequantized(c, 0, nhwc), b = dequantized(c, 3, nhwc);
        int[] shape = nhwc ? new int[] {os[0], os[2], os[3], os[1]} : os;
        Value y = c.emit(kind, new Attrs.Binary(Activation.NONE), new TensorType(dev.tinyforge.ir.ElementType.FLOAT32, shape), a, b);
        Value q = QuantOps.quantizeValue(c, y, c.in(6), c.has(7) ? c.in(7) : null, 0, onnxType(c, 7));
        if (nhwc) c.outNhwc(q); else c.out(q);
    }

    private static void globalAveragePool(NodeContext c) {
        // X, x_scale, x_zero_point, y_scale, y_zero_point; NCHW unless channels_last
        int[] s = c.shape(0);
        if (s.length != 4 || c.attrInt("channels_last", 0) != 0) throw c.unsupported("QLinearGlobalAveragePool other than 4-D NCHW");
        Value x = QuantOps.dequantizeNode(c, c.inNhwc(0), c.constant(1), c.constant(2), true, 0);
        if (x == null) x = QuantOps.dequantizeValue(c, c.inNhwc(0), c.in(1), c.in(2), 0);
        Value y = c.emit(OpKind.MEAN, new Attrs.Reduce(new int[] {1, 2}, true), x.type().withShape(s[0], 1, 1, s[1]), x);
        c.outNhwc(QuantOps.quantizeValue(c, y, c.in(3), c.in(4), 3, onnxType(c, 4)));
    }

    private static void concat(NodeContext c) {
        // Y_scale, Y_zero_point, then (X, X_scale, X_zero_point) per input
        int rank = c.shape(2).length;
        int axis = NodeContext.normalizeAxis((int) c.attrInt("axis", 0), rank);
        boolean nhwc = rank == 4;
        for (int i = 2; i < c.inputCount(); i += 3) nhwc &= c.isNhwc(i);
        List<Value> ins = new ArrayList<>();
        int total = 0;
        for (int i = 2; i < c.inputCount(); i += 3) {
            ins.add(dequantized(c, i, nhwc));
            total += c.shape(i)[axis];
        }
        int[] os = c.shape(2);
        os[axis] = total;
        int irAxis = nhwc ? new int[] {0, 3, 1, 2}[axis] : axis;
        int[] shape = nhwc ? new int[] {os[0], os[2], os[3], os[1]} : os;
        Value y = c.emit(OpKind.CONCATENATION, new Attrs.Concat(irAxis, Activation.NONE),
                new TensorType(dev.tinyforge.ir.ElementType.FLOAT32, shape), ins.toArray(Value[]::new));
        Value q = QuantOps.quantizeValue(c, y, c.in(0), c.in(1), 0, onnxType(c, 1));
        if (nhwc) c.outNhwc(q); else c.out(q);
    }
}
