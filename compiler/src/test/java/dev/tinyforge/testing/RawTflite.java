package dev.tinyforge.testing;

import com.google.flatbuffers.FlatBufferBuilder;

import dev.tinyforge.frontend.tflite.TfliteSchema;

/**
 * Builds minimal .tflite files byte by byte with flatbuffers' builder, for cases the IR cannot express
 * (ops tinyforge does not support): one op from tensor 0 to tensor 1, both int8; and a float SVDF
 * whose activation state is a variable tensor (the IR can express it, but the reader's handling of
 * is_variable needs a real file).
 */
public final class RawTflite {
    private RawTflite() {}

    public static byte[] singleOp(int builtinCode, int version, int[] inShape, int[] outShape) {
        FlatBufferBuilder b = new FlatBufferBuilder(1024);
        int t0 = tensor(b, "input", inShape);
        int t1 = tensor(b, "output", outShape);
        int tensors = vector(b, t0, t1);
        int opInputs = ints(b, 0), opOutputs = ints(b, 1);
        b.startTable(5);
        b.addInt(TfliteSchema.Operator.OPCODE_INDEX, 0, -1);
        b.addOffset(TfliteSchema.Operator.INPUTS, opInputs, 0);
        b.addOffset(TfliteSchema.Operator.OUTPUTS, opOutputs, 0);
        int op = b.endTable();
        int ops = vector(b, op);
        int sgIn = ints(b, 0), sgOut = ints(b, 1);
        b.startTable(5);
        b.addOffset(TfliteSchema.SubGraph.TENSORS, tensors, 0);
        b.addOffset(TfliteSchema.SubGraph.INPUTS, sgIn, 0);
        b.addOffset(TfliteSchema.SubGraph.OUTPUTS, sgOut, 0);
        b.addOffset(TfliteSchema.SubGraph.OPERATORS, ops, 0);
        int sg = b.endTable();
        int subgraphs = vector(b, sg);
        b.startTable(4);
        b.addByte(TfliteSchema.OperatorCode.DEPRECATED_BUILTIN_CODE, (byte) Math.min(builtinCode, 127), -1);
        b.addInt(TfliteSchema.OperatorCode.VERSION, version, -1);
        b.addInt(TfliteSchema.OperatorCode.BUILTIN_CODE, builtinCode, -1);
        int code = b.endTable();
        int codes = vector(b, code);
        b.startTable(1);
        int emptyBuffer = b.endTable();
        int buffers = vector(b, emptyBuffer);
        b.startTable(8);
        b.addInt(TfliteSchema.Model.VERSION, 3, -1);
        b.addOffset(TfliteSchema.Model.OPERATOR_CODES, codes, 0);
        b.addOffset(TfliteSchema.Model.SUBGRAPHS, subgraphs, 0);
        b.addOffset(TfliteSchema.Model.BUFFERS, buffers, 0);
        int model = b.endTable();
        b.finish(model, TfliteSchema.FILE_IDENTIFIER);
        return b.sizedByteArray();
    }

    /**
     * A float SVDF (rank 1, no bias): tensors 0 input [1, in], 1 weights_feature [filters, in], 2
     * weights_time [filters, memory], 3 activation state [1, filters * memory] (is_variable, no buffer;
     * also listed among the subgraph inputs when {@code stateIsSubgraphInput}, as some converters do),
     * 4 output [1, filters].
     */
    public static byte[] svdfFloat(float[] weightsFeature, float[] weightsTime, int in, int filters, int memory,
                                   boolean stateIsSubgraphInput) {
        FlatBufferBuilder b = new FlatBufferBuilder(1024);
        int wfData = floats(b, weightsFeature), wtData = floats(b, weightsTime);
        int[] bufs = new int[3];
        b.startTable(3);
        bufs[0] = b.endTable();
        b.startTable(3);
        b.addOffset(TfliteSchema.Buffer.DATA, wfData, 0);
        bufs[1] = b.endTable();
        b.startTable(3);
        b.addOffset(TfliteSchema.Buffer.DATA, wtData, 0);
        bufs[2] = b.endTable();
        int buffers = vector(b, bufs);
        int t0 = floatTensor(b, "input", new int[] {1, in}, 0, false);
        int t1 = floatTensor(b, "weights_feature", new int[] {filters, in}, 1, false);
        int t2 = floatTensor(b, "weights_time", new int[] {filters, memory}, 2, false);
        int t3 = floatTensor(b, "state", new int[] {1, filters * memory}, 0, true);
        int t4 = floatTensor(b, "output", new int[] {1, filters}, 0, false);
        int tensors = vector(b, t0, t1, t2, t3, t4);
        b.startTable(3);
        b.addInt(TfliteSchema.SvdfOptions.RANK, 1, 0);
        int options = b.endTable();
        int opInputs = ints(b, 0, 1, 2, -1, 3), opOutputs = ints(b, 4);
        b.startTable(9);
        b.addInt(TfliteSchema.Operator.OPCODE_INDEX, 0, -1);
        b.addOffset(TfliteSchema.Operator.INPUTS, opInputs, 0);
        b.addOffset(TfliteSchema.Operator.OUTPUTS, opOutputs, 0);
        b.addByte(TfliteSchema.Operator.BUILTIN_OPTIONS_TYPE, (byte) TfliteSchema.OPT_SVDF, 0);
        b.addOffset(TfliteSchema.Operator.BUILTIN_OPTIONS, options, 0);
        int op = b.endTable();
        int ops = vector(b, op);
        int sgIn = stateIsSubgraphInput ? ints(b, 0, 3) : ints(b, 0), sgOut = ints(b, 4);
        b.startTable(5);
        b.addOffset(TfliteSchema.SubGraph.TENSORS, tensors, 0);
        b.addOffset(TfliteSchema.SubGraph.INPUTS, sgIn, 0);
        b.addOffset(TfliteSchema.SubGraph.OUTPUTS, sgOut, 0);
        b.addOffset(TfliteSchema.SubGraph.OPERATORS, ops, 0);
        int sg = b.endTable();
        int subgraphs = vector(b, sg);
        b.startTable(4);
        b.addByte(TfliteSchema.OperatorCode.DEPRECATED_BUILTIN_CODE, (byte) TfliteSchema.OP_SVDF, -1);
        b.addInt(TfliteSchema.OperatorCode.VERSION, 1, -1);
        b.addInt(TfliteSchema.OperatorCode.BUILTIN_CODE, TfliteSchema.OP_SVDF, -1);
        int code = b.endTable();
        int codes = vector(b, code);
        b.startTable(8);
        b.addInt(TfliteSchema.Model.VERSION, 3, -1);
        b.addOffset(TfliteSchema.Model.OPERATOR_CODES, codes, 0);
        b.addOffset(TfliteSchema.Model.SUBGRAPHS, subgraphs, 0);
        b.addOffset(TfliteSchema.Model.BUFFERS, buffers, 0);
        int model = b.endTable();
        b.finish(model, TfliteSchema.FILE_IDENTIFIER);
        return b.sizedByteArray();
    }

    private static int floats(FlatBufferBuilder b, float[] v) {
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(v.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float f : v) bb.putFloat(f);
        return b.createByteVector(bb.array());
    }

    private static int floatTensor(FlatBufferBuilder b, String name, int[] shape, int buffer, boolean variable) {
        int n = b.createString(name);
        int s = ints(b, shape);
        b.startTable(8);
        b.addOffset(TfliteSchema.Tensor.SHAPE, s, 0);
        b.addByte(TfliteSchema.Tensor.TYPE, (byte) TfliteSchema.TYPE_FLOAT32, -1);
        b.addInt(TfliteSchema.Tensor.BUFFER, buffer, -1);
        b.addOffset(TfliteSchema.Tensor.NAME, n, 0);
        b.addBoolean(TfliteSchema.Tensor.IS_VARIABLE, variable, false);
        return b.endTable();
    }

    private static int tensor(FlatBufferBuilder b, String name, int[] shape) {
        int n = b.createString(name);
        int s = ints(b, shape);
        b.startVector(4, 1, 4);
        b.addFloat(0.5f);
        int scale = b.endVector();
        b.startVector(8, 1, 8);
        b.addLong(0);
        int zp = b.endVector();
        b.startTable(7);
        b.addOffset(TfliteSchema.Quantization.SCALE, scale, 0);
        b.addOffset(TfliteSchema.Quantization.ZERO_POINT, zp, 0);
        int q = b.endTable();
        b.startTable(8);
        b.addOffset(TfliteSchema.Tensor.SHAPE, s, 0);
        b.addByte(TfliteSchema.Tensor.TYPE, (byte) TfliteSchema.TYPE_INT8, -1);
        b.addInt(TfliteSchema.Tensor.BUFFER, 0, -1);
        b.addOffset(TfliteSchema.Tensor.NAME, n, 0);
        b.addOffset(TfliteSchema.Tensor.QUANTIZATION, q, 0);
        return b.endTable();
    }

    private static int ints(FlatBufferBuilder b, int... v) {
        b.startVector(4, v.length, 4);
        for (int i = v.length - 1; i >= 0; i--) b.addInt(v[i]);
        return b.endVector();
    }

    private static int vector(FlatBufferBuilder b, int... offsets) {
        b.startVector(4, offsets.length, 4);
        for (int i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i]);
        return b.endVector();
    }
}
