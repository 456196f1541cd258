package dev.tinyforge.frontend.onnx;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The table from ONNX op type (default domain) to translator. */
final class OnnxOps {
    private static final Map<String, OnnxOp> TABLE = new HashMap<>();
    /** ONNX Runtime's com.microsoft ops that its quantizer writes (QOperator format). */
    private static final Map<String, OnnxOp> MICROSOFT = new HashMap<>();

    static {
        ElementwiseOps.register(TABLE);
        ConvOps.register(TABLE);
        PoolOps.register(TABLE);
        ShapeOps.register(TABLE);
        ReduceOps.register(TABLE);
        ResizeOps.register(TABLE);
        QuantOps.register(TABLE);
        QLinearOps.register(TABLE);
        ContribQLinearOps.register(MICROSOFT);
    }

    private OnnxOps() {}

    static OnnxOp lookup(OnnxProto.Node n, long opset) {
        if (n.domain().equals("com.microsoft") && MICROSOFT.containsKey(n.opType())) return MICROSOFT.get(n.opType());
        if (!n.domain().isEmpty() && !n.domain().equals("ai.onnx"))
            throw new UnsupportedOnnxException("ONNX op " + n.domain() + "." + n.opType() + ": custom domains are not supported");
        // opsets 22-25 changed the CNN ops here only by admitting more element types (bfloat16, float8, int4),
        // which the type mapping rejects where they occur
        if (opset < 7 || opset > 25)
            throw new UnsupportedOnnxException("ONNX opset " + opset + " is not supported (7 to 25 are)");
        OnnxOp op = TABLE.get(n.opType());
        if (op == null) throw new UnsupportedOnnxException("ONNX op " + n.opType() + " is not supported");
        return op;
    }

    /** The op types tinyforge translates. */
    public static Set<String> supported() { return new TreeSet<>(TABLE.keySet()); }
}
