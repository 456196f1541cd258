package dev.tinyforge.frontend.tflite;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Decodes the writer's output with raw flatbuffer accessors (independent of the reader) and checks fields. */
class TfliteWriterFieldsTest {

    private static final TensorType IN = new TensorType(ElementType.INT8, new int[] {1, 16, 16, 3}, Quant.perTensor(0.5f, -3));

    /** input -> conv (OHWI 4x3x3x3, per-channel) with the given pads, stride 2. */
    static Graph conv(int[] pads, int outH, int outW) {
        Graph g = new Graph("conv");
        Value x = g.addInput("x", IN);
        byte[] w = new byte[4 * 3 * 3 * 3];
        for (int i = 0; i < w.length; i++) w[i] = (byte) (i * 7 - 100);
        Value wv = g.newConstant("w", Tensor.wrap(new TensorType(ElementType.INT8, new int[] {4, 3, 3, 3},
                new Quant(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, new int[4], 0)), w));
        Value bv = g.newConstant("b", Tensor.wrap(new TensorType(ElementType.INT32, new int[] {4},
                new Quant(new float[] {0.05f, 0.1f, 0.15f, 0.2f}, new int[4], 0)), new int[] {1, -2, 3, -4}));
        Value y = g.newValue("y", new TensorType(ElementType.INT8, new int[] {1, outH, outW, 4}, Quant.perTensor(0.25f, 7)));
        g.addNode("conv", OpKind.CONV_2D, new Attrs.Conv2D(pads, new int[] {2, 2}, new int[] {1, 1}, Activation.RELU6),
                List.of(x, wv, bv), List.of(y));
        g.addOutput(y);
        return g;
    }

    @Test void headerOpcodeAndBuffersOfAPerChannelConv() {
        byte[] bytes = TfliteWriter.write(conv(new int[] {0, 0, 1, 1}, 8, 8));
        assertEquals("TFL3", FlatTable.fileIdentifier(bytes));
        FlatTable model = FlatTable.root(bytes);
        assertEquals(3, model.int32(TfliteSchema.Model.VERSION, 0));

        assertEquals(1, model.length(TfliteSchema.Model.OPERATOR_CODES));
        FlatTable code = model.table(TfliteSchema.Model.OPERATOR_CODES, 0);
        assertEquals(3, code.int8(TfliteSchema.OperatorCode.DEPRECATED_BUILTIN_CODE, 0));
        assertEquals(3, code.int32(TfliteSchema.OperatorCode.BUILTIN_CODE, 0));
        assertEquals(3, code.int32(TfliteSchema.OperatorCode.VERSION, 1), "int8 per-channel CONV_2D is version 3");

        assertEquals(0, model.table(TfliteSchema.Model.BUFFERS, 0).length(TfliteSchema.Buffer.DATA), "buffer 0 is empty");

        FlatTable sg = model.table(TfliteSchema.Model.SUBGRAPHS, 0);
        FlatTable op = sg.table(TfliteSchema.SubGraph.OPERATORS, 0);
        assertEquals(TfliteSchema.OPT_CONV_2D, op.uint8(TfliteSchema.Operator.BUILTIN_OPTIONS_TYPE, 0));
        FlatTable opts = op.table(TfliteSchema.Operator.BUILTIN_OPTIONS);
        // 16 wide, 3x3, stride 2: SAME gives out 8 and total pad 1 -> 0 before, 1 after.
        assertEquals(TfliteSchema.PADDING_SAME, opts.int8(TfliteSchema.Conv2DOptions.PADDING, 0));
        assertEquals(2, opts.int32(TfliteSchema.Conv2DOptions.STRIDE_H, 0));
        assertEquals(2, opts.int32(TfliteSchema.Conv2DOptions.STRIDE_W, 0));
        assertEquals(3, opts.int8(TfliteSchema.Conv2DOptions.FUSED_ACTIVATION, 0), "RELU6 is 3");

        int[] ins = op.ints(TfliteSchema.Operator.INPUTS);
        assertEquals(3, ins.length);
        FlatTable weights = sg.table(TfliteSchema.SubGraph.TENSORS, ins[1]);
        assertEquals("w", weights.string(TfliteSchema.Tensor.NAME));
        assertEquals(TfliteSchema.TYPE_INT8, weights.int8(TfliteSchema.Tensor.TYPE, -1));
        assertArrayEquals(new int[] {4, 3, 3, 3}, weights.ints(TfliteSchema.Tensor.SHAPE));
        FlatTable q = weights.table(TfliteSchema.Tensor.QUANTIZATION);
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, q.floats(TfliteSchema.Quantization.SCALE));
        assertArrayEquals(new long[4], q.longs(TfliteSchema.Quantization.ZERO_POINT));
        assertEquals(0, q.int32(TfliteSchema.Quantization.QUANTIZED_DIMENSION, 0));
        FlatTable wbuf = model.table(TfliteSchema.Model.BUFFERS, weights.int32(TfliteSchema.Tensor.BUFFER, 0));
        byte[] data = wbuf.bytes(TfliteSchema.Buffer.DATA);
        assertEquals(108, data.length);
        assertEquals((byte) -100, data[0]);
        assertEquals((byte) (5 * 7 - 100), data[5]);
        assertEquals(0, wbuf.vectorStart(TfliteSchema.Buffer.DATA) % 16, "buffer data is 16-byte aligned");

        FlatTable bias = sg.table(TfliteSchema.SubGraph.TENSORS, ins[2]);
        assertEquals(TfliteSchema.TYPE_INT32, bias.int8(TfliteSchema.Tensor.TYPE, -1));
        byte[] biasData = model.table(TfliteSchema.Model.BUFFERS, bias.int32(TfliteSchema.Tensor.BUFFER, 0)).bytes(TfliteSchema.Buffer.DATA);
        assertArrayEquals(new byte[] {1, 0, 0, 0, -2, -1, -1, -1, 3, 0, 0, 0, -4, -1, -1, -1}, biasData);

        FlatTable input = sg.table(TfliteSchema.SubGraph.TENSORS, sg.ints(TfliteSchema.SubGraph.INPUTS)[0]);
        assertEquals(0, input.int32(TfliteSchema.Tensor.BUFFER, 0), "activations use buffer 0");
        FlatTable iq = input.table(TfliteSchema.Tensor.QUANTIZATION);
        assertArrayEquals(new float[] {0.5f}, iq.floats(TfliteSchema.Quantization.SCALE));
        assertArrayEquals(new long[] {-3}, iq.longs(TfliteSchema.Quantization.ZERO_POINT));
    }

    @Test void padsNeitherSameNorValidBecomeAnExplicitPad() {
        // Pad 1 before, 0 after: SAME would put the odd pixel after, so a PAD op is needed.
        byte[] bytes = TfliteWriter.write(conv(new int[] {1, 1, 0, 0}, 8, 8));
        FlatTable model = FlatTable.root(bytes);
        FlatTable sg = model.table(TfliteSchema.Model.SUBGRAPHS, 0);
        assertEquals(2, sg.length(TfliteSchema.SubGraph.OPERATORS));
        FlatTable pad = sg.table(TfliteSchema.SubGraph.OPERATORS, 0);
        FlatTable padCode = model.table(TfliteSchema.Model.OPERATOR_CODES, pad.int32(TfliteSchema.Operator.OPCODE_INDEX, 0));
        assertEquals(TfliteSchema.OP_PAD, padCode.int32(TfliteSchema.OperatorCode.BUILTIN_CODE, 0));
        int[] padIns = pad.ints(TfliteSchema.Operator.INPUTS);
        FlatTable paddings = sg.table(TfliteSchema.SubGraph.TENSORS, padIns[1]);
        assertArrayEquals(new int[] {4, 2}, paddings.ints(TfliteSchema.Tensor.SHAPE));
        byte[] raw = model.table(TfliteSchema.Model.BUFFERS, paddings.int32(TfliteSchema.Tensor.BUFFER, 0)).bytes(TfliteSchema.Buffer.DATA);
        int[] p = Tensor.fromBytes(new TensorType(ElementType.INT32, 8), raw).int32();
        assertArrayEquals(new int[] {0, 0, 1, 0, 1, 0, 0, 0}, p);
        FlatTable padded = sg.table(TfliteSchema.SubGraph.TENSORS, pad.ints(TfliteSchema.Operator.OUTPUTS)[0]);
        assertArrayEquals(new int[] {1, 17, 17, 3}, padded.ints(TfliteSchema.Tensor.SHAPE));
        FlatTable conv = sg.table(TfliteSchema.SubGraph.OPERATORS, 1);
        assertEquals(pad.ints(TfliteSchema.Operator.OUTPUTS)[0], conv.ints(TfliteSchema.Operator.INPUTS)[0]);
        assertEquals(TfliteSchema.PADDING_VALID, conv.table(TfliteSchema.Operator.BUILTIN_OPTIONS).int8(TfliteSchema.Conv2DOptions.PADDING, 0));
    }

    @Test void meanAxesBecomeAnInt32ConstantInput() {
        Graph g = new Graph("mean");
        Value x = g.addInput("x", IN);
        Value y = g.newValue("y", IN.withShape(1, 1, 1, 3));
        g.addNode("mean", OpKind.MEAN, new Attrs.Reduce(new int[] {1, 2}, true), List.of(x), List.of(y));
        g.addOutput(y);
        FlatTable model = FlatTable.root(TfliteWriter.write(g));
        FlatTable sg = model.table(TfliteSchema.Model.SUBGRAPHS, 0);
        FlatTable op = sg.table(TfliteSchema.SubGraph.OPERATORS, 0);
        FlatTable axes = sg.table(TfliteSchema.SubGraph.TENSORS, op.ints(TfliteSchema.Operator.INPUTS)[1]);
        assertEquals("mean/axes", axes.string(TfliteSchema.Tensor.NAME));
        assertEquals(TfliteSchema.TYPE_INT32, axes.int8(TfliteSchema.Tensor.TYPE, -1));
        byte[] raw = model.table(TfliteSchema.Model.BUFFERS, axes.int32(TfliteSchema.Tensor.BUFFER, 0)).bytes(TfliteSchema.Buffer.DATA);
        assertArrayEquals(new byte[] {1, 0, 0, 0, 2, 0, 0, 0}, raw);
        assertEquals(1, op.table(TfliteSchema.Operator.BUILTIN_OPTIONS).uint8(TfliteSchema.ReducerOptions.KEEP_DIMS, 0));
    }

    @Test void svdfStateIsAVariableTensorWithoutData() {
        Graph g = new Graph("svdf");
        Value x = g.addInput("x", new TensorType(ElementType.INT8, new int[] {1, 4}, Quant.perTensor(0.1f, 0)));
        Value wf = g.newConstant("weights_feature", Tensor.zeros(new TensorType(ElementType.INT8, new int[] {2, 4}, Quant.perTensor(0.01f, 0))));
        Value wt = g.newConstant("weights_time", Tensor.zeros(new TensorType(ElementType.INT16, new int[] {2, 3}, Quant.perTensor(0.001f, 0))));
        Value state = g.newConstant("state", Tensor.zeros(new TensorType(ElementType.INT16, new int[] {1, 6}, Quant.perTensor(0.02f, 0))));
        Value y = g.newValue("y", new TensorType(ElementType.INT8, new int[] {1, 2}, Quant.perTensor(0.05f, 3)));
        g.addNode("svdf", OpKind.SVDF, new Attrs.Svdf(1, Activation.RELU), java.util.Arrays.asList(x, wf, wt, null, state), List.of(y));
        g.addOutput(y);
        FlatTable model = FlatTable.root(TfliteWriter.write(g));
        FlatTable code = model.table(TfliteSchema.Model.OPERATOR_CODES, 0);
        assertEquals(TfliteSchema.OP_SVDF, code.int32(TfliteSchema.OperatorCode.BUILTIN_CODE, 0));
        assertEquals(3, code.int32(TfliteSchema.OperatorCode.VERSION, 1), "full-integer SVDF is version 3");
        FlatTable sg = model.table(TfliteSchema.Model.SUBGRAPHS, 0);
        FlatTable op = sg.table(TfliteSchema.SubGraph.OPERATORS, 0);
        int[] ins = op.ints(TfliteSchema.Operator.INPUTS);
        assertEquals(-1, ins[3], "absent bias");
        FlatTable st = sg.table(TfliteSchema.SubGraph.TENSORS, ins[4]);
        assertEquals(1, st.uint8(TfliteSchema.Tensor.IS_VARIABLE, 0));
        assertEquals(0, st.int32(TfliteSchema.Tensor.BUFFER, 0));
        assertEquals(TfliteSchema.TYPE_INT16, st.int8(TfliteSchema.Tensor.TYPE, -1));
        FlatTable opts = op.table(TfliteSchema.Operator.BUILTIN_OPTIONS);
        assertEquals(TfliteSchema.OPT_SVDF, op.uint8(TfliteSchema.Operator.BUILTIN_OPTIONS_TYPE, 0));
        assertEquals(1, opts.int32(TfliteSchema.SvdfOptions.RANK, 0));
        assertEquals(1, opts.int8(TfliteSchema.SvdfOptions.FUSED_ACTIVATION, 0));
    }

    @Test void depthwiseWeightsRecordTheirQuantizedDimension() {
        Graph g = new Graph("dw");
        Value x = g.addInput("x", IN);
        Value w = g.newConstant("w", Tensor.zeros(new TensorType(ElementType.INT8, new int[] {1, 3, 3, 3},
                new Quant(new float[] {0.1f, 0.2f, 0.3f}, new int[3], 3))));
        Value y = g.newValue("y", IN);
        g.addNode("dw", OpKind.DEPTHWISE_CONV_2D, new Attrs.DepthwiseConv2D(new int[] {1, 1, 1, 1}, new int[] {1, 1},
                new int[] {1, 1}, 1, Activation.NONE), java.util.Arrays.asList(x, w, null), List.of(y));
        g.addOutput(y);
        FlatTable sg = FlatTable.root(TfliteWriter.write(g)).table(TfliteSchema.Model.SUBGRAPHS, 0);
        FlatTable op = sg.table(TfliteSchema.SubGraph.OPERATORS, 0);
        FlatTable q = sg.table(TfliteSchema.SubGraph.TENSORS, op.ints(TfliteSchema.Operator.INPUTS)[1]).table(TfliteSchema.Tensor.QUANTIZATION);
        assertEquals(3, q.int32(TfliteSchema.Quantization.QUANTIZED_DIMENSION, 0));
        FlatTable opts = op.table(TfliteSchema.Operator.BUILTIN_OPTIONS);
        assertEquals(TfliteSchema.PADDING_SAME, opts.int8(TfliteSchema.DepthwiseConv2DOptions.PADDING, 0), "SAME is the schema default, so VALID would show");
        assertEquals(1, opts.int32(TfliteSchema.DepthwiseConv2DOptions.DEPTH_MULTIPLIER, 0));
    }

    @Test void outputIsAPureFunctionOfTheGraph() {
        assertArrayEquals(TfliteWriter.write(conv(new int[] {0, 0, 1, 1}, 8, 8)),
                TfliteWriter.write(conv(new int[] {0, 0, 1, 1}, 8, 8)));
    }

    @Test void samePaddingFollowsTfliteRule() {
        assertArrayEquals(new int[] {0, 1}, TflitePaddingWriter.samePads(16, 3, 2, 1));
        assertArrayEquals(new int[] {1, 1}, TflitePaddingWriter.samePads(15, 3, 2, 1));
        assertArrayEquals(new int[] {2, 2}, TflitePaddingWriter.samePads(10, 3, 1, 2)); // dilated 3x3 spans 5
        assertArrayEquals(new int[] {0, 0}, TflitePaddingWriter.samePads(9, 1, 2, 1));
        assertEquals(TfliteSchema.PADDING_VALID, TflitePaddingWriter.choose(new int[] {9, 9}, new int[] {3, 3},
                new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0, 0, 0}));
        assertEquals(TflitePaddingWriter.NONE, TflitePaddingWriter.choose(new int[] {9, 9}, new int[] {3, 3},
                new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1, 1, 0}));
    }
}
