package dev.tinyforge.frontend.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.TensorType;

import java.nio.ByteBuffer;

/**
 * Serializes a {@link TfliteWriterPlan} into TFLite's flatbuffer layout (schema version 3, identifier
 * "TFL3"). Flatbuffers are built bottom-up: every vector, string and child table is finished before the
 * table that points at it starts, so each method builds children first and returns the offset.
 */
final class TfliteFlatbufferWriter {
    private TfliteFlatbufferWriter() {}

    /** Buffer data is aligned to 16 bytes, as the converter does, so kernels may read it in place. */
    private static final int BUFFER_ALIGNMENT = 16;

    static byte[] serialize(TfliteWriterPlan plan, String description) {
        FlatBufferBuilder b = new FlatBufferBuilder(1 << 16);

        int[] opcodes = new int[plan.opcodes.size()];
        for (int i = 0; i < opcodes.length; i++) opcodes[i] = operatorCode(b, plan.opcodes.get(i));

        int[] buffers = new int[plan.buffers.size()];
        for (int i = 0; i < buffers.length; i++) buffers[i] = buffer(b, plan.buffers.get(i));

        int[] tensors = new int[plan.tensors.size()];
        for (int i = 0; i < tensors.length; i++) tensors[i] = tensor(b, plan.tensors.get(i));

        int[] operators = new int[plan.operators.size()];
        for (int i = 0; i < operators.length; i++) operators[i] = operator(b, plan.operators.get(i));

        int subgraph = subgraph(b, plan, tensors, operators);

        int opcodesVec = b.createVectorOfTables(opcodes);
        int subgraphsVec = b.createVectorOfTables(new int[] {subgraph});
        int descriptionStr = b.createString(description);
        int buffersVec = b.createVectorOfTables(buffers);
        b.startTable(TfliteSchema.Model.BUFFERS + 1);
        b.addInt(TfliteSchema.Model.VERSION, 3, 0);
        b.addOffset(TfliteSchema.Model.OPERATOR_CODES, opcodesVec, 0);
        b.addOffset(TfliteSchema.Model.SUBGRAPHS, subgraphsVec, 0);
        b.addOffset(TfliteSchema.Model.DESCRIPTION, descriptionStr, 0);
        b.addOffset(TfliteSchema.Model.BUFFERS, buffersVec, 0);
        int model = b.endTable();
        b.finish(model, TfliteSchema.FILE_IDENTIFIER);
        return b.sizedByteArray();
    }

    static int intVector(FlatBufferBuilder b, int[] values) {
        b.startVector(4, values.length, 4);
        for (int i = values.length - 1; i >= 0; i--) b.addInt(values[i]);
        return b.endVector();
    }

    static int tensorType(ElementType t) {
        return switch (t) {
            case FLOAT32 -> TfliteSchema.TYPE_FLOAT32;
            case INT32 -> TfliteSchema.TYPE_INT32;
            case UINT8 -> TfliteSchema.TYPE_UINT8;
            case INT64 -> TfliteSchema.TYPE_INT64;
            case BOOL -> TfliteSchema.TYPE_BOOL;
            case INT16 -> TfliteSchema.TYPE_INT16;
            case INT8 -> TfliteSchema.TYPE_INT8;
        };
    }

    private static int operatorCode(FlatBufferBuilder b, TfliteWriterPlan.OpcodeEntry e) {
        b.startTable(TfliteSchema.OperatorCode.BUILTIN_CODE + 1);
        // Old readers only know the byte field; codes above 127 put the "placeholder" 127 there.
        b.addByte(TfliteSchema.OperatorCode.DEPRECATED_BUILTIN_CODE, (byte) Math.min(e.builtin, 127), 0);
        b.addInt(TfliteSchema.OperatorCode.VERSION, e.version, 1);
        b.addInt(TfliteSchema.OperatorCode.BUILTIN_CODE, e.builtin, 0);
        return b.endTable();
    }

    private static int buffer(FlatBufferBuilder b, byte[] data) {
        if (data.length == 0) {
            b.startTable(TfliteSchema.Buffer.DATA + 1);
            return b.endTable();
        }
        ByteBuffer space = b.createUnintializedVector(1, data.length, BUFFER_ALIGNMENT);
        space.put(data);
        int vec = b.endVector();
        b.startTable(TfliteSchema.Buffer.DATA + 1);
        b.addOffset(TfliteSchema.Buffer.DATA, vec, 0);
        return b.endTable();
    }

    private static int tensor(FlatBufferBuilder b, TfliteWriterPlan.TensorEntry e) {
        TensorType type = e.type();
        int shape = intVector(b, type.shape());
        int name = b.createString(e.name());
        int quant = type.quant() == null ? 0 : quantization(b, type.quant());
        b.startTable(TfliteSchema.Tensor.IS_VARIABLE + 1);
        b.addOffset(TfliteSchema.Tensor.SHAPE, shape, 0);
        b.addByte(TfliteSchema.Tensor.TYPE, (byte) tensorType(type.elementType()), 0);
        b.addInt(TfliteSchema.Tensor.BUFFER, e.buffer(), 0);
        b.addOffset(TfliteSchema.Tensor.NAME, name, 0);
        if (quant != 0) b.addOffset(TfliteSchema.Tensor.QUANTIZATION, quant, 0);
        b.addBoolean(TfliteSchema.Tensor.IS_VARIABLE, e.isVariable(), false);
        return b.endTable();
    }

    private static int quantization(FlatBufferBuilder b, Quant q) {
        float[] scales = q.scales();
        int[] zeroPoints = q.zeroPoints();
        b.startVector(4, scales.length, 4);
        for (int i = scales.length - 1; i >= 0; i--) b.addFloat(scales[i]);
        int scaleVec = b.endVector();
        b.startVector(8, zeroPoints.length, 8);
        for (int i = zeroPoints.length - 1; i >= 0; i--) b.addLong(zeroPoints[i]);
        int zpVec = b.endVector();
        b.startTable(TfliteSchema.Quantization.QUANTIZED_DIMENSION + 1);
        b.addOffset(TfliteSchema.Quantization.SCALE, scaleVec, 0);
        b.addOffset(TfliteSchema.Quantization.ZERO_POINT, zpVec, 0);
        b.addInt(TfliteSchema.Quantization.QUANTIZED_DIMENSION, q.isPerChannel() ? q.axis() : 0, 0);
        return b.endTable();
    }

    private static int operator(FlatBufferBuilder b, TfliteWriterPlan.OperatorEntry e) {
        int options = e.options() == null ? 0 : e.options().applyAsInt(b);
        int ins = intVector(b, e.inputs());
        int outs = intVector(b, e.outputs());
        b.startTable(TfliteSchema.Operator.BUILTIN_OPTIONS + 1);
        b.addInt(TfliteSchema.Operator.OPCODE_INDEX, e.opcodeIndex(), 0);
        b.addOffset(TfliteSchema.Operator.INPUTS, ins, 0);
        b.addOffset(TfliteSchema.Operator.OUTPUTS, outs, 0);
        if (options != 0) {
            b.addByte(TfliteSchema.Operator.BUILTIN_OPTIONS_TYPE, (byte) e.optionsType(), 0);
            b.addOffset(TfliteSchema.Operator.BUILTIN_OPTIONS, options, 0);
        }
        return b.endTable();
    }

    private static int subgraph(FlatBufferBuilder b, TfliteWriterPlan plan, int[] tensors, int[] operators) {
        int tensorsVec = b.createVectorOfTables(tensors);
        int inputsVec = intVector(b, plan.inputs.stream().mapToInt(Integer::intValue).toArray());
        int outputsVec = intVector(b, plan.outputs.stream().mapToInt(Integer::intValue).toArray());
        int operatorsVec = b.createVectorOfTables(operators);
        int name = b.createString(plan.subgraphName);
        b.startTable(TfliteSchema.SubGraph.NAME + 1);
        b.addOffset(TfliteSchema.SubGraph.TENSORS, tensorsVec, 0);
        b.addOffset(TfliteSchema.SubGraph.INPUTS, inputsVec, 0);
        b.addOffset(TfliteSchema.SubGraph.OUTPUTS, outputsVec, 0);
        b.addOffset(TfliteSchema.SubGraph.OPERATORS, operatorsVec, 0);
        b.addOffset(TfliteSchema.SubGraph.NAME, name, 0);
        return b.endTable();
    }
}
