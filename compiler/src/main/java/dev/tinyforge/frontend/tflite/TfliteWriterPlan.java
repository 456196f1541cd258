package dev.tinyforge.frontend.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * A TFLite model under construction, as plain lists (tensors, buffers, operator codes, operators) in
 * the order they will be serialized. Lowering a graph fills it; {@link TfliteFlatbufferWriter} turns it
 * into bytes. Keeping the two apart lets lowering add tensors and operators freely (extra constant
 * inputs, an explicit PAD before a conv) without fighting the flatbuffer builder's bottom-up order.
 */
final class TfliteWriterPlan {

    /** One tensor: its type, and buffer 0 (the empty sentinel) unless it holds constant data. */
    record TensorEntry(String name, TensorType type, int buffer, boolean isVariable) {}

    /** One operator code; the version is the highest any operator using it needs. */
    static final class OpcodeEntry {
        final int builtin;
        int version;

        OpcodeEntry(int builtin, int version) {
            this.builtin = builtin;
            this.version = version;
        }
    }

    /** One operator; {@code options} builds its options table (or is null when it has none). */
    record OperatorEntry(int opcodeIndex, int[] inputs, int[] outputs, int optionsType,
                         ToIntFunction<FlatBufferBuilder> options) {}

    final String subgraphName;
    final List<TensorEntry> tensors = new ArrayList<>();
    final List<byte[]> buffers = new ArrayList<>();
    final List<OpcodeEntry> opcodes = new ArrayList<>();
    final List<OperatorEntry> operators = new ArrayList<>();
    final List<Integer> inputs = new ArrayList<>();
    final List<Integer> outputs = new ArrayList<>();

    private final Map<Value, Integer> tensorOfValue = new LinkedHashMap<>();
    private final Map<Integer, Integer> opcodeOfBuiltin = new LinkedHashMap<>();
    private final Set<String> names = new HashSet<>();
    private final Set<Value> variables = new HashSet<>();

    TfliteWriterPlan(Graph graph) {
        this.subgraphName = graph.name() == null ? "main" : graph.name();
        buffers.add(new byte[0]); // buffer 0: the empty sentinel every data-less tensor points at
        // Reserve every graph name first so that synthesized tensors never take one.
        for (Value v : graph.values()) names.add(v.name());
    }

    /** Marks a value as a variable tensor (SVDF state) before it is first turned into a tensor. */
    void markVariable(Value v) { variables.add(v); }

    /** The tensor index of a value, creating the tensor (and its buffer, for constants) on first use. */
    int tensor(Value v) {
        if (v == null) return -1;
        Integer index = tensorOfValue.get(v);
        if (index != null) return index;
        boolean variable = variables.contains(v);
        int buffer = v.isConstant() && !variable ? addBuffer(v.constant().toBytes()) : 0;
        int i = addTensor(new TensorEntry(v.name(), v.type(), buffer, variable));
        tensorOfValue.put(v, i);
        return i;
    }

    /** Tensor indices of values in order; an absent optional value (null) is -1, as TFLite writes it. */
    int[] tensors(List<Value> values) {
        int[] r = new int[values.size()];
        for (int i = 0; i < r.length; i++) r[i] = tensor(values.get(i));
        return r;
    }

    /** A new constant int32 tensor, for the parameters TFLite keeps as inputs (axes, perm, shapes). */
    int constInt32(String baseName, int[] shape, int... data) {
        TensorType type = new TensorType(ElementType.INT32, shape);
        return constant(baseName, Tensor.wrap(type, data.clone()));
    }

    int constant(String baseName, Tensor data) {
        return addTensor(new TensorEntry(uniqueName(baseName), data.type(), addBuffer(data.toBytes()), false));
    }

    /** A new activation tensor that the graph does not have (the output of an inserted PAD). */
    int intermediate(String baseName, TensorType type) {
        return addTensor(new TensorEntry(uniqueName(baseName), type, 0, false));
    }

    int opcode(int builtin, int version) {
        Integer index = opcodeOfBuiltin.get(builtin);
        if (index != null) {
            OpcodeEntry e = opcodes.get(index);
            e.version = Math.max(e.version, version);
            return index;
        }
        opcodes.add(new OpcodeEntry(builtin, version));
        opcodeOfBuiltin.put(builtin, opcodes.size() - 1);
        return opcodes.size() - 1;
    }

    void addOperator(int builtin, int version, int[] ins, int[] outs, int optionsType,
                     ToIntFunction<FlatBufferBuilder> options) {
        operators.add(new OperatorEntry(opcode(builtin, version), ins, outs, optionsType, options));
    }

    private int addTensor(TensorEntry e) {
        tensors.add(e);
        return tensors.size() - 1;
    }

    private int addBuffer(byte[] data) {
        buffers.add(data);
        return buffers.size() - 1;
    }

    private String uniqueName(String base) {
        String name = base;
        for (int i = 1; !names.add(name); i++) name = base + "_" + i;
        return name;
    }
}
