package dev.tinyforge.frontend.onnx;

import java.util.List;
import java.util.Map;

/**
 * The subset of ONNX's protobuf messages tinyforge reads, as plain records. Field numbers live in
 * {@link OnnxProtoReader}; this file only names what we keep.
 */
public final class OnnxProto {
    private OnnxProto() {}

    /** ModelProto: ir_version, opset_import (domain to version), graph. */
    public record Model(long irVersion, Map<String, Long> opsets, String producer, Graph graph) {
        /** The default-domain ("" or "ai.onnx") opset version; 1 when absent. */
        public long defaultOpset() {
            Long v = opsets.get("");
            if (v == null) v = opsets.get("ai.onnx");
            return v == null ? 1 : v;
        }
    }

    /** GraphProto. */
    public record Graph(String name, List<Node> nodes, List<TensorData> initializers, List<ValueInfo> inputs,
                        List<ValueInfo> outputs, List<ValueInfo> valueInfos) {}

    /** NodeProto. */
    public record Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                       Map<String, Attribute> attributes) {}

    /** AttributeProto; only the field that {@code type} names is meaningful. */
    public record Attribute(String name, int type, float f, long i, byte[] s, TensorData t, Graph g,
                            float[] floats, long[] ints, List<byte[]> strings) {
        public static final int FLOAT = 1, INT = 2, STRING = 3, TENSOR = 4, GRAPH = 5, FLOATS = 6, INTS = 7, STRINGS = 8;
    }

    /**
     * TensorProto with its payload still in protobuf form: raw little-endian bytes, or one of the typed
     * repeated fields (widened as protobuf stores them).
     */
    public record TensorData(String name, long[] dims, int dataType, byte[] raw, float[] floatData, long[] intData,
                             double[] doubleData, boolean external) {}

    /** ValueInfoProto with a tensor type: element type and dims (-1 for a symbolic or missing dim). */
    public record ValueInfo(String name, int elemType, long[] dims, String[] dimParams, boolean hasShape) {}

    /** TensorProto.DataType values. */
    public static final int FLOAT = 1, UINT8 = 2, INT8 = 3, UINT16 = 4, INT16 = 5, INT32 = 6, INT64 = 7, STRING = 8,
            BOOL = 9, FLOAT16 = 10, DOUBLE = 11, UINT32 = 12, UINT64 = 13;

    public static String dataTypeName(int t) {
        return switch (t) {
            case FLOAT -> "float"; case UINT8 -> "uint8"; case INT8 -> "int8"; case UINT16 -> "uint16";
            case INT16 -> "int16"; case INT32 -> "int32"; case INT64 -> "int64"; case STRING -> "string";
            case BOOL -> "bool"; case FLOAT16 -> "float16"; case DOUBLE -> "double"; case UINT32 -> "uint32";
            case UINT64 -> "uint64"; case 16 -> "bfloat16"; default -> "data type " + t;
        };
    }
}
