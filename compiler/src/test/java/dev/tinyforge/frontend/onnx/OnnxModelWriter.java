package dev.tinyforge.frontend.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.CodedOutputStream;

/** Writes small float ONNX models (test builder; field numbers as OnnxProtoReader reads them). */
final class OnnxModelWriter {
    private final List<byte[]> nodes = new ArrayList<>(), inits = new ArrayList<>(), inputs = new ArrayList<>(), outputs = new ArrayList<>();
    private final long opset;
    private final java.util.Set<String> domains = new java.util.TreeSet<>();
    private int counter;

    OnnxModelWriter(long opset) { this.opset = opset; }

    String fresh(String base) { return base + (counter++); }

    interface Body { void write(CodedOutputStream o) throws IOException; }

    static byte[] message(Body b) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream o = CodedOutputStream.newInstance(bytes);
            b.write(o);
            o.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Attributes: name followed by a Long, Float, long[], float[] or String value. */
    void node(String op, List<String> ins, List<String> outs, Object... attrs) {
        node("", op, ins, outs, attrs);
    }

    /** A node of another domain (e.g. "com.microsoft"), whose opset 1 the model then imports. */
    void node(String domain, String op, List<String> ins, List<String> outs, Object... attrs) {
        if (!domain.isEmpty()) domains.add(domain);
        nodes.add(message(o -> {
            if (!domain.isEmpty()) o.writeString(7, domain);
            for (String i : ins) o.writeString(1, i);
            for (String i : outs) o.writeString(2, i);
            o.writeString(3, fresh(op));
            o.writeString(4, op);
            for (int k = 0; k < attrs.length; k += 2) {
                String name = (String) attrs[k];
                Object v = attrs[k + 1];
                o.writeByteArray(5, message(a -> {
                    a.writeString(1, name);
                    if (v instanceof Long l) { a.writeInt64(3, l); a.writeInt32(20, 2); }
                    else if (v instanceof Float f) { a.writeFloat(2, f); a.writeInt32(20, 1); }
                    else if (v instanceof long[] ls) { for (long l : ls) a.writeInt64(8, l); a.writeInt32(20, 7); }
                    else if (v instanceof String s) { a.writeBytes(4, com.google.protobuf.ByteString.copyFromUtf8(s)); a.writeInt32(20, 3); }
                    else throw new IllegalArgumentException(name);
                }));
            }
        }));
    }

    String initializer(float[] data, long... dims) {
        String name = fresh("w");
        inits.add(message(o -> {
            for (long d : dims) o.writeInt64(1, d);
            o.writeInt32(2, OnnxProto.FLOAT);
            o.writeString(8, name);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(data.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (float f : data) b.putFloat(f);
            o.writeByteArray(9, b.array());
        }));
        return name;
    }

    /** An initializer of any ONNX data type from its little-endian raw bytes. */
    String initializer(int dataType, byte[] raw, long... dims) {
        String name = fresh("c");
        inits.add(message(o -> {
            for (long d : dims) o.writeInt64(1, d);
            o.writeInt32(2, dataType);
            o.writeString(8, name);
            o.writeByteArray(9, raw);
        }));
        return name;
    }

    String int32Initializer(int[] data, long... dims) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(data.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int v : data) b.putInt(v);
        return initializer(OnnxProto.INT32, b.array(), dims);
    }

    private static byte[] valueInfo(String name, long[] dims) {
        return valueInfo(name, OnnxProto.FLOAT, dims);
    }

    private static byte[] valueInfo(String name, int elemType, long[] dims) {
        return message(o -> {
            o.writeString(1, name);
            o.writeByteArray(2, message(t -> t.writeByteArray(1, message(tt -> {
                tt.writeInt32(1, elemType);
                tt.writeByteArray(2, message(sh -> {
                    for (long d : dims) sh.writeByteArray(1, message(dm -> dm.writeInt64(1, d)));
                }));
            }))));
        });
    }

    void input(String name, long... dims) { inputs.add(valueInfo(name, dims)); }

    void output(String name, long... dims) { outputs.add(valueInfo(name, dims)); }

    void output(String name, int elemType, long... dims) { outputs.add(valueInfo(name, elemType, dims)); }

    byte[] build() {
        byte[] graph = message(o -> {
            for (byte[] n : nodes) o.writeByteArray(1, n);
            o.writeString(2, "g");
            for (byte[] i : inits) o.writeByteArray(5, i);
            for (byte[] i : inputs) o.writeByteArray(11, i);
            for (byte[] i : outputs) o.writeByteArray(12, i);
        });
        return message(o -> {
            o.writeInt64(1, 8);
            o.writeString(2, "tinyforge-test");
            o.writeByteArray(7, graph);
            o.writeByteArray(8, message(s -> { s.writeString(1, ""); s.writeInt64(2, opset); }));
            for (String d : domains) o.writeByteArray(8, message(s -> { s.writeString(1, d); s.writeInt64(2, 1); }));
        });
    }
}
