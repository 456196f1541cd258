package dev.tinyforge.frontend.onnx;

import java.util.Map;

import dev.tinyforge.ir.Value;

/**
 * QOperator ops (QLinearMatMul, QLinearConv, QLinearAdd, QLinearMul) expressed as dequantize, the float
 * op, quantize: ONNX defines them by that composition, and the float arithmetic matches it up to
 * rounding ties of the requantization (at most 1 LSB).
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

    private static void matmul(NodeContext c) {
        // inputs: a, a_scale, a_zp, b, b_scale, b_zp, y_scale, y_zp
        Value a = QuantOps.dequantizeValue(c, c.in(0), c.in(1), c.in(2), 1);
        int bRank = c.shape(3).length;
        Value b = QuantOps.dequantizeValue(c, c.in(3), c.in(4), c.in(5), bRank - 1);
        Value y = ConvOps.matmulValues(c, a, b);
        c.out(QuantOps.quantizeValue(c, y, c.in(6), c.in(7), 1, onnxType(c, 7)));
    }

    private static void conv(NodeContext c) {
        // inputs: x, x_scale, x_zp, w, w_scale, w_zp, y_scale, y_zp, bias (int32, scale x_scale * w_scale)
        int rank = c.shape(0).length;
        if (rank != 4) throw c.unsupported(rank - 2 + "-D QLinearConv");
        Value x = QuantOps.dequantizeValue(c, c.in(0), c.in(1), c.in(2), 1);
        Value w = QuantOps.dequantizeValue(c, c.in(3), c.in(4), c.in(5), 0);
        Value bias = null;
        if (c.has(8)) {
            dev.tinyforge.ir.Attrs.Binary none = new dev.tinyforge.ir.Attrs.Binary(dev.tinyforge.ir.Activation.NONE);
            Value bs = c.emit(dev.tinyforge.ir.OpKind.MUL, none, c.type(4), c.in(1), c.in(4));
            bias = QuantOps.dequantizeValue(c, c.in(8), bs, null, 0);
        }
        Value y = ConvOps.convCore(c, c.transpose(x, OnnxImporter.TO_NHWC), w, bias, rank);
        y = c.transpose(y, OnnxImporter.TO_NCHW);
        c.out(QuantOps.quantizeValue(c, y, c.in(6), c.in(7), 1, onnxType(c, 7)));
    }
}
