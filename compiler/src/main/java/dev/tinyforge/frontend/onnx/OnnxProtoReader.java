package dev.tinyforge.frontend.onnx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

import dev.tinyforge.CompileException;

/**
 * Reads ONNX protobuf messages field by field with {@link CodedInputStream}, using ONNX's field numbers
 * (onnx.proto, IR version 3-10). No generated classes: unknown fields are skipped, so newer files load
 * as long as the fields we use keep their numbers (protobuf guarantees that).
 */
public final class OnnxProtoReader {
    private OnnxProtoReader() {}

    public static OnnxProto.Model readModel(byte[] bytes) {
        try {
            return model(CodedInputStream.newInstance(bytes));
        } catch (IOException | RuntimeException e) {
            throw new CompileException("not a readable ONNX model: " + e.getMessage());
        }
    }

    /** A serialized TensorProto (the .pb files of ONNX's test data). */
    public static OnnxProto.TensorData readTensor(byte[] bytes) {
        try {
            return tensor(CodedInputStream.newInstance(bytes));
        } catch (IOException | RuntimeException e) {
            throw new CompileException("not a readable ONNX TensorProto: " + e.getMessage());
        }
    }

    // ModelProto: 1 ir_version, 2 producer_name, 7 graph, 8 opset_import.
    private static OnnxProto.Model model(CodedInputStream in) throws IOException {
        long ir = 0;
        String producer = "";
        OnnxProto.Graph graph = null;
        Map<String, Long> opsets = new LinkedHashMap<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> ir = in.readInt64();
                case 2 -> producer = in.readString();
                case 7 -> graph = graph(sub(in));
                case 8 -> opset(sub(in), opsets);
                default -> in.skipField(tag);
            }
        }
        if (graph == null) throw new CompileException("the ONNX model has no graph");
        return new OnnxProto.Model(ir, opsets, producer, graph);
    }

    // OperatorSetIdProto: 1 domain, 2 version.
    private static void opset(CodedInputStream in, Map<String, Long> opsets) throws IOException {
        String domain = "";
        long version = 0;
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> domain = in.readString();
                case 2 -> version = in.readInt64();
                default -> in.skipField(tag);
            }
        }
        opsets.put(domain, version);
    }

    // GraphProto: 1 node, 2 name, 5 initializer, 11 input, 12 output, 13 value_info.
    static OnnxProto.Graph graph(CodedInputStream in) throws IOException {
        String name = "";
        List<OnnxProto.Node> nodes = new ArrayList<>();
        List<OnnxProto.TensorData> inits = new ArrayList<>();
        List<OnnxProto.ValueInfo> inputs = new ArrayList<>(), outputs = new ArrayList<>(), infos = new ArrayList<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> nodes.add(node(sub(in)));
                case 2 -> name = in.readString();
                case 5 -> inits.add(tensor(sub(in)));
                case 11 -> inputs.add(valueInfo(sub(in)));
                case 12 -> outputs.add(valueInfo(sub(in)));
                case 13 -> infos.add(valueInfo(sub(in)));
                default -> in.skipField(tag);
            }
        }
        return new OnnxProto.Graph(name, nodes, inits, inputs, outputs, infos);
    }

    // NodeProto: 1 input, 2 output, 3 name, 4 op_type, 5 attribute, 7 domain.
    private static OnnxProto.Node node(CodedInputStream in) throws IOException {
        List<String> inputs = new ArrayList<>(), outputs = new ArrayList<>();
        String name = "", op = "", domain = "";
        Map<String, OnnxProto.Attribute> attrs = new LinkedHashMap<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> inputs.add(in.readString());
                case 2 -> outputs.add(in.readString());
                case 3 -> name = in.readString();
                case 4 -> op = in.readString();
                case 5 -> {
                    OnnxProto.Attribute a = attribute(sub(in));
                    attrs.put(a.name(), a);
                }
                case 7 -> domain = in.readString();
                default -> in.skipField(tag);
            }
        }
        return new OnnxProto.Node(name, op, domain, inputs, outputs, attrs);
    }

    // AttributeProto: 1 name, 2 f, 3 i, 4 s, 5 t, 6 g, 7 floats, 8 ints, 9 strings, 20 type.
    private static OnnxProto.Attribute attribute(CodedInputStream in) throws IOException {
        String name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        byte[] s = null;
        OnnxProto.TensorData t = null;
        OnnxProto.Graph g = null;
        FloatList floats = new FloatList();
        LongList ints = new LongList();
        List<byte[]> strings = new ArrayList<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            int field = WireFormat.getTagFieldNumber(tag), wire = WireFormat.getTagWireType(tag);
            switch (field) {
                case 1 -> name = in.readString();
                case 2 -> f = in.readFloat();
                case 3 -> i = in.readInt64();
                case 4 -> s = in.readByteArray();
                case 5 -> t = tensor(sub(in));
                case 6 -> g = graph(sub(in));
                case 7 -> readFloats(in, wire, floats);
                case 8 -> readVarints(in, wire, ints, false);
                case 9 -> strings.add(in.readByteArray());
                case 20 -> type = in.readInt32();
                default -> in.skipField(tag);
            }
        }
        if (type == 0) type = guessType(f, i, s, t, g, floats, ints, strings); // IR version 1 files carry no type
        return new OnnxProto.Attribute(name, type, f, i, s, t, g, floats.toArray(), ints.toArray(), strings);
    }

    private static int guessType(float f, long i, byte[] s, OnnxProto.TensorData t, OnnxProto.Graph g,
                                 FloatList floats, LongList ints, List<byte[]> strings) {
        if (t != null) return OnnxProto.Attribute.TENSOR;
        if (g != null) return OnnxProto.Attribute.GRAPH;
        if (s != null) return OnnxProto.Attribute.STRING;
        if (floats.size > 0) return OnnxProto.Attribute.FLOATS;
        if (ints.size > 0) return OnnxProto.Attribute.INTS;
        if (!strings.isEmpty()) return OnnxProto.Attribute.STRINGS;
        if (f != 0) return OnnxProto.Attribute.FLOAT;
        return OnnxProto.Attribute.INT;
    }

    // TensorProto: 1 dims, 2 data_type, 4 float_data, 5 int32_data, 7 int64_data, 8 name, 9 raw_data,
    // 10 double_data, 11 uint64_data, 13 external_data, 14 data_location.
    static OnnxProto.TensorData tensor(CodedInputStream in) throws IOException {
        LongList dims = new LongList(), ints = new LongList();
        FloatList floats = new FloatList();
        List<Double> doubles = new ArrayList<>();
        int dataType = 0;
        String name = "";
        byte[] raw = null;
        boolean external = false;
        for (int tag; (tag = in.readTag()) != 0; ) {
            int field = WireFormat.getTagFieldNumber(tag), wire = WireFormat.getTagWireType(tag);
            switch (field) {
                case 1 -> readVarints(in, wire, dims, false);
                case 2 -> dataType = in.readInt32();
                case 4 -> readFloats(in, wire, floats);
                case 5 -> readVarints(in, wire, ints, true);
                case 7, 11 -> readVarints(in, wire, ints, false);
                case 8 -> name = in.readString();
                case 9 -> raw = in.readByteArray();
                case 10 -> {
                    if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        CodedInputStream p = sub(in);
                        while (!p.isAtEnd()) doubles.add(p.readDouble());
                    } else doubles.add(in.readDouble());
                }
                case 13 -> { external = true; in.skipField(tag); }
                case 14 -> external |= in.readInt32() == 1;
                default -> in.skipField(tag);
            }
        }
        double[] d = doubles.stream().mapToDouble(Double::doubleValue).toArray();
        return new OnnxProto.TensorData(name, dims.toArray(), dataType, raw, floats.toArray(), ints.toArray(), d, external);
    }

    // ValueInfoProto: 1 name, 2 type. TypeProto: 1 tensor_type. TypeProto.Tensor: 1 elem_type, 2 shape.
    // TensorShapeProto: 1 dim. Dimension: 1 dim_value, 2 dim_param.
    private static OnnxProto.ValueInfo valueInfo(CodedInputStream in) throws IOException {
        String name = "";
        int[] elem = {0};
        LongList dims = new LongList();
        List<String> params = new ArrayList<>();
        boolean[] hasShape = {false};
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> name = in.readString();
                case 2 -> typeProto(sub(in), elem, dims, params, hasShape);
                default -> in.skipField(tag);
            }
        }
        return new OnnxProto.ValueInfo(name, elem[0], dims.toArray(), params.toArray(String[]::new), hasShape[0]);
    }

    private static void typeProto(CodedInputStream in, int[] elem, LongList dims, List<String> params, boolean[] hasShape)
            throws IOException {
        for (int tag; (tag = in.readTag()) != 0; ) {
            if (WireFormat.getTagFieldNumber(tag) != 1) { in.skipField(tag); continue; }
            CodedInputStream t = sub(in);
            for (int tt; (tt = t.readTag()) != 0; ) {
                switch (WireFormat.getTagFieldNumber(tt)) {
                    case 1 -> elem[0] = t.readInt32();
                    case 2 -> {
                        hasShape[0] = true;
                        CodedInputStream shape = sub(t);
                        for (int st; (st = shape.readTag()) != 0; ) {
                            if (WireFormat.getTagFieldNumber(st) != 1) { shape.skipField(st); continue; }
                            dimension(sub(shape), dims, params);
                        }
                    }
                    default -> t.skipField(tt);
                }
            }
        }
    }

    private static void dimension(CodedInputStream in, LongList dims, List<String> params) throws IOException {
        long value = -1;
        String param = "";
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> value = in.readInt64();
                case 2 -> param = in.readString();
                default -> in.skipField(tag);
            }
        }
        dims.add(value);
        params.add(param);
    }

    /** A length-delimited sub-message as its own stream (bounded, so nested reads cannot overrun). */
    private static CodedInputStream sub(CodedInputStream in) throws IOException {
        CodedInputStream s = CodedInputStream.newInstance(in.readByteArray());
        s.setRecursionLimit(200);
        return s;
    }

    private static void readVarints(CodedInputStream in, int wire, LongList out, boolean int32) throws IOException {
        if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            CodedInputStream p = sub(in);
            while (!p.isAtEnd()) out.add(int32 ? p.readInt32() : p.readInt64());
        } else out.add(int32 ? in.readInt32() : in.readInt64());
    }

    private static void readFloats(CodedInputStream in, int wire, FloatList out) throws IOException {
        if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            CodedInputStream p = sub(in);
            while (!p.isAtEnd()) out.add(p.readFloat());
        } else out.add(in.readFloat());
    }

    private static final class LongList {
        long[] a = new long[8];
        int size;
        void add(long v) { if (size == a.length) a = java.util.Arrays.copyOf(a, size * 2); a[size++] = v; }
        long[] toArray() { return java.util.Arrays.copyOf(a, size); }
    }

    private static final class FloatList {
        float[] a = new float[8];
        int size;
        void add(float v) { if (size == a.length) a = java.util.Arrays.copyOf(a, size * 2); a[size++] = v; }
        float[] toArray() { return java.util.Arrays.copyOf(a, size); }
    }
}
