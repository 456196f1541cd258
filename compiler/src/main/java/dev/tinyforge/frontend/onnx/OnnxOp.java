package dev.tinyforge.frontend.onnx;

/** Translates one ONNX node into IR nodes through the context. */
@FunctionalInterface
interface OnnxOp {
    void translate(NodeContext c);
}
