package dev.tinyforge.frontend.onnx;

import java.util.Map;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.Value;

/**
 * QOperator ops (QLinearMatMul, QLinearConv) written as dequantize, the float op, quantize: ONNX defines
 * them by that composition. With constant parameters this is the same DEQUANTIZE / quantize-chain form
 * QDQ models import to, so the QDQ lowering passes turn them into int8 ops.
 */
final class QLinearOps {
    private QLinearOps() {}

    static void register(Map<String, OnnxOp> m) {
        m.put("QLinearMatMul", QLinearOps::matmul);
        m.put("QLinearConv", QLinearOps::conv);
    }

    private static int onnxType(NodeContext c, int zeroPointInput) {
        return switch (c.elementType(zeroPointInput)) {
            case INT8 -> OnnxProto.INT8;
            case UINT8 -> OnnxProto.UINT8;
            default -> throw c.unsupported("QLinear ops on " + c.elementType(zeroPointInput));
        };
    }

    /** x dequantized by inputs scaleIndex and scaleIndex + 1: one DEQUANTIZE when the parameters are constant. */
    private static Value dequantize(NodeContext c, Value x, int scaleIndex, int axis) {
        Value y = QuantOps.dequantizeNode(c, x, c.constant(scaleIndex), c.constant(scaleIndex + 1), true, axis);
        return y != null ? y : QuantOps.dequantizeValue(c, x, c.in(scaleIndex), c.in(scaleIndex + 1), axis);
    }

    private static void matmul(NodeContext c) {
        // inputs: a, a_scale, a_zp, b, b_scale, b_zp, y_scale, y_zp
        Value a = dequantize(c, c.in(0), 1, 1);
        int bRank = c.shape(3).length;
        Value b = dequantize(c, c.in(3), 4, bRank - 1);
        Value y = ConvOps.matmulValues(c, a, b);
        c.out(QuantOps.quantizeValue(c, y, c.in(6), c.in(7), 1, onnxType(c, 7)));
    }

    private static void conv(NodeContext c) {
        // inputs: x, x_scale, x_zp, w, w_scale, w_zp, y_scale, y_zp, bias (int32, scale x_scale * w_scale)
        int rank = c.shape(0).length;
        if (rank != 4) throw c.unsupported(rank - 2 + "-D QLinearConv");
        Value x = dequantize(c, c.inNhwc(0), 1, 3);
        Value w = dequantize(c, c.in(3), 4, 0);
        Value bias = null;
        if (c.has(8)) {
            Attrs.Binary none = new Attrs.Binary(Activation.NONE);
            Value bs = c.emit(OpKind.MUL, none, c.type(4), c.in(1), c.in(4));
            Tensor bsc = bs.isConstant() ? bs.constant() : null;
            bias = QuantOps.dequantizeNode(c, c.in(8), bsc, null, false, 0);
            if (bias == null) bias = QuantOps.dequantizeValue(c, c.in(8), bs, null, 0);
        }
        Value y = ConvOps.convCore(c, x, w, bias, rank);
        c.outNhwc(QuantOps.quantizeValue(c, y, c.in(6), c.in(7), 3, onnxType(c, 7)));
    }
}
