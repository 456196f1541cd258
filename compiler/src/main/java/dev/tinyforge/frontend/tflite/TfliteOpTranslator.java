package dev.tinyforge.frontend.tflite;

import static dev.tinyforge.frontend.tflite.TfliteSchema.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/**
 * Translates one TFLite operator into an IR node, normalizing as the IR expects: SAME/VALID become
 * explicit pads, constant parameter tensors (axes, paddings, permutations, slice bounds) become
 * attributes, SQUEEZE/EXPAND_DIMS become RESHAPE.
 */
final class TfliteOpTranslator {
    /** Supported builtins and the newest op version of each that tinyforge understands. */
    static final Map<String, Integer> MAX_VERSION = new TreeMap<>(Map.ofEntries(
            Map.entry("ADD", 5), Map.entry("AVERAGE_POOL_2D", 3), Map.entry("CONCATENATION", 4),
            Map.entry("CONV_2D", 8), Map.entry("DEPTHWISE_CONV_2D", 7), Map.entry("DEQUANTIZE", 6),
            Map.entry("FULLY_CONNECTED", 12), Map.entry("LOGISTIC", 3), Map.entry("MAX_POOL_2D", 3),
            Map.entry("MUL", 7), Map.entry("RELU", 3), Map.entry("RELU_N1_TO_1", 1), Map.entry("RELU6", 3),
            Map.entry("RESHAPE", 2), Map.entry("RESIZE_BILINEAR", 4), Map.entry("SOFTMAX", 3), Map.entry("TANH", 3),
            Map.entry("PAD", 4), Map.entry("TRANSPOSE", 6), Map.entry("MEAN", 3), Map.entry("SUB", 5),
            Map.entry("DIV", 2), Map.entry("SQUEEZE", 2), Map.entry("STRIDED_SLICE", 8), Map.entry("SPLIT", 4),
            Map.entry("LOG_SOFTMAX", 2), Map.entry("PRELU", 1), Map.entry("MAXIMUM", 4), Map.entry("MINIMUM", 4),
            Map.entry("PADV2", 4), Map.entry("SLICE", 6), Map.entry("EXPAND_DIMS", 1), Map.entry("PACK", 4),
            Map.entry("UNPACK", 4), Map.entry("RESIZE_NEAREST_NEIGHBOR", 4), Map.entry("LEAKY_RELU", 2),
            Map.entry("SPLIT_V", 3), Map.entry("QUANTIZE", 3), Map.entry("HARD_SWISH", 1),
            Map.entry("SVDF", 4)));

    private final TfliteReader reader;
    private final Graph graph;

    TfliteOpTranslator(TfliteReader reader, Graph graph) {
        this.reader = reader;
        this.graph = graph;
    }

    void translate(int index, TfliteReader.OperatorCode code, FlatBufferView op) {
        Op o = new Op(index, code, op);
        Integer max = MAX_VERSION.get(code.displayName());
        if (max == null)
            throw new CompileException(reader.fileName() + ": unsupported op " + code.displayName() + " at node " + index
                    + o.outputNote() + "; supported ops: " + String.join(", ", MAX_VERSION.keySet()));
        if (code.version() > max)
            throw o.error("op version " + code.version() + " is newer than tinyforge supports (up to version " + max + ")");
        switch (code.builtin()) {
            case OP_CONV_2D -> conv2d(o);
            case OP_DEPTHWISE_CONV_2D -> depthwise(o);
            case OP_FULLY_CONNECTED -> fullyConnected(o);
            case OP_AVERAGE_POOL_2D -> pool(o, OpKind.AVERAGE_POOL_2D);
            case OP_MAX_POOL_2D -> pool(o, OpKind.MAX_POOL_2D);
            case OP_ADD -> binary(o, OpKind.ADD);
            case OP_SUB -> binary(o, OpKind.SUB);
            case OP_MUL -> binary(o, OpKind.MUL);
            case OP_DIV -> binary(o, OpKind.DIV);
            case OP_MAXIMUM -> o.emit(OpKind.MAXIMUM, Attrs.None.INSTANCE, o.in(0), o.in(1));
            case OP_MINIMUM -> o.emit(OpKind.MINIMUM, Attrs.None.INSTANCE, o.in(0), o.in(1));
            case OP_CONCATENATION -> concat(o);
            case OP_MEAN -> mean(o);
            case OP_PAD, OP_PADV2 -> pad(o);
            case OP_RESHAPE, OP_SQUEEZE, OP_EXPAND_DIMS -> reshape(o);
            case OP_TRANSPOSE -> transpose(o);
            case OP_STRIDED_SLICE -> stridedSlice(o);
            case OP_SLICE -> slice(o);
            case OP_SPLIT -> split(o, o.constInts(0), 1, null);
            case OP_SPLIT_V -> split(o, o.constInts(2), 0, o.constInts(1));
            case OP_PACK -> o.emit(OpKind.PACK, new Attrs.Axis(normalizeAxis(o, o.options().getInt(PackOptions.AXIS, 0),
                    o.outType(0).rank())), o.allInputs());
            case OP_UNPACK -> o.emit(OpKind.UNPACK, new Attrs.Axis(normalizeAxis(o, o.options().getInt(UnpackOptions.AXIS, 0),
                    o.in(0).type().rank())), o.in(0));
            case OP_SOFTMAX -> o.emit(OpKind.SOFTMAX, new Attrs.Softmax(o.options().getFloat(SoftmaxOptions.BETA, 1f)), o.in(0));
            case OP_LOG_SOFTMAX -> unary(o, OpKind.LOG_SOFTMAX);
            case OP_LOGISTIC -> unary(o, OpKind.LOGISTIC);
            case OP_TANH -> unary(o, OpKind.TANH);
            case OP_RELU -> unary(o, OpKind.RELU);
            case OP_RELU6 -> unary(o, OpKind.RELU6);
            case OP_RELU_N1_TO_1 -> unary(o, OpKind.RELU_N1_TO_1);
            case OP_HARD_SWISH -> unary(o, OpKind.HARD_SWISH);
            case OP_QUANTIZE -> unary(o, OpKind.QUANTIZE);
            case OP_DEQUANTIZE -> unary(o, OpKind.DEQUANTIZE);
            case OP_LEAKY_RELU -> o.emit(OpKind.LEAKY_RELU,
                    new Attrs.LeakyRelu(o.options().getFloat(LeakyReluOptions.ALPHA, 0f)), o.in(0));
            case OP_PRELU -> o.emit(OpKind.PRELU, Attrs.None.INSTANCE, o.in(0), o.in(1));
            case OP_SVDF -> svdf(o);
            case OP_RESIZE_NEAREST_NEIGHBOR -> o.emit(OpKind.RESIZE_NEAREST_NEIGHBOR, new Attrs.Resize(
                    o.options().getBool(ResizeNearestNeighborOptions.ALIGN_CORNERS, false),
                    o.options().getBool(ResizeNearestNeighborOptions.HALF_PIXEL_CENTERS, false)), o.in(0));
            case OP_RESIZE_BILINEAR -> o.emit(OpKind.RESIZE_BILINEAR, new Attrs.Resize(
                    o.options().getBool(ResizeBilinearOptions.ALIGN_CORNERS, false),
                    o.options().getBool(ResizeBilinearOptions.HALF_PIXEL_CENTERS, false)), o.in(0));
            default -> throw o.error("no translation (internal table mismatch)");
        }
    }

    private void unary(Op o, OpKind kind) { o.emit(kind, Attrs.None.INSTANCE, o.in(0)); }

    /** SVDF: input [batch, in], weights_feature [filters, in], weights_time [filters, memory], bias, state (variable). */
    private void svdf(Op o) {
        FlatBufferView opt = o.options();
        Value x = o.in(0), wf = o.in(1), wt = o.in(2), bias = o.optIn(3), state = o.in(4);
        requireRank(o, x, 2, "input");
        requireRank(o, wf, 2, "weights_feature");
        requireRank(o, wt, 2, "weights_time");
        if (!state.isVariable()) throw o.error("input 4 (activation state) must be a variable tensor");
        int rank = opt.getInt(SvdfOptions.RANK, 0);
        int filters = wf.type().dim(0), memory = wt.type().dim(1), batches = x.type().dim(0);
        if (rank < 1 || filters % rank != 0) throw o.error("rank " + rank + " does not divide the " + filters + " filters");
        if (state.type().elementCount() != (long) batches * filters * memory)
            throw o.error("activation state " + state.type().shapeString() + " does not hold batch x filters x memory = "
                    + batches + " x " + filters + " x " + memory + " elements");
        o.emit(OpKind.SVDF, new Attrs.Svdf(rank, activation(o, opt.getByte(SvdfOptions.FUSED_ACTIVATION, 0))), x, wf, wt, bias, state);
    }

    private void conv2d(Op o) {
        FlatBufferView opt = o.options();
        Value x = o.in(0), w = o.in(1);
        requireRank(o, x, 4, "input");
        requireRank(o, w, 4, "filter");
        if (w.type().dim(3) != x.type().dim(3))
            throw o.error("grouped convolution (filter has " + w.type().dim(3) + " input channels, input has "
                    + x.type().dim(3) + ") is not supported");
        w = floatWeightsForHybrid(o, x, w);
        int[] strides = {opt.getInt(Conv2DOptions.STRIDE_H, 1), opt.getInt(Conv2DOptions.STRIDE_W, 1)};
        int[] dil = {opt.getInt(Conv2DOptions.DILATION_H, 1), opt.getInt(Conv2DOptions.DILATION_W, 1)};
        int[] pads = pads2d(o, opt.getByte(Conv2DOptions.PADDING, PADDING_SAME), x.type(), w.type().dim(1), w.type().dim(2),
                strides, dil);
        o.emit(OpKind.CONV_2D, new Attrs.Conv2D(pads, strides, dil, activation(o, opt.getByte(Conv2DOptions.FUSED_ACTIVATION, 0))),
                x, w, o.optIn(2));
    }

    private void depthwise(Op o) {
        FlatBufferView opt = o.options();
        Value x = o.in(0), w = o.in(1);
        requireRank(o, x, 4, "input");
        requireRank(o, w, 4, "filter");
        w = floatWeightsForHybrid(o, x, w);
        int inC = x.type().dim(3), outC = w.type().dim(3);
        if (inC == 0 || outC % inC != 0)
            throw o.error("filter has " + outC + " channels, not a multiple of the input's " + inC);
        int[] strides = {opt.getInt(DepthwiseConv2DOptions.STRIDE_H, 1), opt.getInt(DepthwiseConv2DOptions.STRIDE_W, 1)};
        int[] dil = {opt.getInt(DepthwiseConv2DOptions.DILATION_H, 1), opt.getInt(DepthwiseConv2DOptions.DILATION_W, 1)};
        int[] pads = pads2d(o, opt.getByte(DepthwiseConv2DOptions.PADDING, PADDING_SAME), x.type(), w.type().dim(1),
                w.type().dim(2), strides, dil);
        o.emit(OpKind.DEPTHWISE_CONV_2D, new Attrs.DepthwiseConv2D(pads, strides, dil, outC / inC,
                activation(o, opt.getByte(DepthwiseConv2DOptions.FUSED_ACTIVATION, 0))), x, w, o.optIn(2));
    }

    private void fullyConnected(Op o) {
        FlatBufferView opt = o.options();
        if (opt.getByte(FullyConnectedOptions.WEIGHTS_FORMAT, 0) != 0)
            throw o.error("the shuffled4x16int8 weights format is not supported");
        Value x = o.in(0), w = o.in(1);
        requireRank(o, w, 2, "weights");
        w = floatWeightsForHybrid(o, x, w);
        if (x.type().elementCount() % Math.max(1, w.type().dim(1)) != 0)
            throw o.error("input has " + x.type().elementCount() + " elements, not a multiple of the weights' depth " + w.type().dim(1));
        o.emit(OpKind.FULLY_CONNECTED, new Attrs.FullyConnected(activation(o, opt.getByte(FullyConnectedOptions.FUSED_ACTIVATION, 0)),
                opt.getBool(FullyConnectedOptions.KEEP_NUM_DIMS, false)), x, w, o.optIn(2));
    }

    private void pool(Op o, OpKind kind) {
        FlatBufferView opt = o.options();
        Value x = o.in(0);
        requireRank(o, x, 4, "input");
        int[] filter = {opt.getInt(Pool2DOptions.FILTER_HEIGHT, 1), opt.getInt(Pool2DOptions.FILTER_WIDTH, 1)};
        int[] strides = {opt.getInt(Pool2DOptions.STRIDE_H, 1), opt.getInt(Pool2DOptions.STRIDE_W, 1)};
        int[] pads = pads2d(o, opt.getByte(Pool2DOptions.PADDING, PADDING_SAME), x.type(), filter[0], filter[1], strides,
                new int[] {1, 1});
        o.emit(kind, new Attrs.Pool2D(filter, strides, pads, activation(o, opt.getByte(Pool2DOptions.FUSED_ACTIVATION, 0))), x);
    }

    private void binary(Op o, OpKind kind) {
        FlatBufferView opt = o.options();
        o.emit(kind, new Attrs.Binary(activation(o, opt.getByte(ArithmeticOptions.FUSED_ACTIVATION, 0))), o.in(0), o.in(1));
    }

    private void concat(Op o) {
        FlatBufferView opt = o.options();
        int axis = normalizeAxis(o, opt.getInt(ConcatenationOptions.AXIS, 0), o.outType(0).rank());
        o.emit(OpKind.CONCATENATION, new Attrs.Concat(axis, activation(o, opt.getByte(ConcatenationOptions.FUSED_ACTIVATION, 0))),
                o.allInputs());
    }

    private void mean(Op o) {
        Value x = o.in(0);
        int[] axes = o.constInts(1);
        int[] norm = Arrays.stream(axes).map(a -> normalizeAxis(o, a, x.type().rank())).distinct().sorted().toArray();
        o.emit(OpKind.MEAN, new Attrs.Reduce(norm, o.options().getBool(ReducerOptions.KEEP_DIMS, false)), x);
    }

    private void pad(Op o) {
        Value x = o.in(0);
        int[] p = o.constInts(1);
        if (p.length != 2 * x.type().rank())
            throw o.error("paddings hold " + p.length + " values for a rank-" + x.type().rank() + " input");
        for (int v : p) if (v < 0) throw o.error("negative padding is not supported");
        double value = 0;
        if (o.code.builtin() == OP_PADV2 && o.optIn(2) != null) {
            Tensor c = o.constant(2);
            value = c.getDouble(0);
        } else if (o.outType(0).quant() != null) {
            value = o.outType(0).quant().zeroPoint();
        }
        o.emit(OpKind.PAD, new Attrs.Pad(p, value), x);
    }

    private void reshape(Op o) {
        Value x = o.in(0);
        TensorType out = o.outType(0);
        if (out.elementCount() != x.type().elementCount())
            throw o.error("reshape from " + x.type().shapeString() + " to " + out.shapeString() + " changes the element count");
        o.emit(OpKind.RESHAPE, Attrs.None.INSTANCE, x);
    }

    private void transpose(Op o) {
        Value x = o.in(0);
        int[] perm = o.constInts(1);
        int[] sorted = perm.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++)
            if (sorted[i] != i || perm.length != x.type().rank()) throw o.error("permutation " + Arrays.toString(perm) + " is not valid");
        o.emit(OpKind.TRANSPOSE, new Attrs.Transpose(perm), x);
    }

    private void stridedSlice(Op o) {
        FlatBufferView opt = o.options();
        Value x = o.in(0);
        int rank = x.type().rank();
        int[] begin = o.constInts(1), end = o.constInts(2), strides = o.constInts(3);
        if (opt.getInt(StridedSliceOptions.ELLIPSIS_MASK, 0) != 0 || opt.getInt(StridedSliceOptions.NEW_AXIS_MASK, 0) != 0)
            throw o.error("ellipsis_mask and new_axis_mask are not supported");
        int beginMask = opt.getInt(StridedSliceOptions.BEGIN_MASK, 0), endMask = opt.getInt(StridedSliceOptions.END_MASK, 0);
        int shrink = opt.getInt(StridedSliceOptions.SHRINK_AXIS_MASK, 0);
        boolean offset = opt.getBool(StridedSliceOptions.OFFSET, false);
        int[] b = new int[rank], s = new int[rank], n = new int[rank];
        for (int d = 0; d < rank; d++) {
            int dim = x.type().dim(d);
            int st = d < strides.length ? strides[d] : 1;
            if (st == 0) throw o.error("stride 0 in dimension " + d);
            boolean hasBegin = d < begin.length, hasEnd = d < end.length;
            int lo = st > 0 ? 0 : -1, hi = st > 0 ? dim : dim - 1;
            int start = (!hasBegin || (beginMask >> d & 1) != 0) ? (st > 0 ? 0 : dim - 1) : clampIndex(begin[d], dim, lo, hi);
            int stop;
            if ((shrink >> d & 1) != 0) {
                stop = start + 1;
                st = 1;
            } else if (!hasEnd || (endMask >> d & 1) != 0) {
                stop = st > 0 ? dim : -1;
            } else {
                stop = offset ? start + end[d] : clampIndex(end[d], dim, lo, hi);
            }
            int count = st > 0 ? Math.max(0, ceilDiv(stop - start, st)) : Math.max(0, ceilDiv(start - stop, -st));
            b[d] = start;
            s[d] = st;
            n[d] = count;
        }
        o.emit(OpKind.STRIDED_SLICE, new Attrs.StridedSlice(b, s, n), x);
    }

    private void slice(Op o) {
        Value x = o.in(0);
        int rank = x.type().rank();
        int[] begin = o.constInts(1), size = o.constInts(2);
        if (begin.length != rank || size.length != rank) throw o.error("begin/size do not match the input rank " + rank);
        int[] s = new int[rank], n = new int[rank];
        for (int d = 0; d < rank; d++) {
            s[d] = 1;
            n[d] = size[d] < 0 ? x.type().dim(d) - begin[d] : size[d];
            if (begin[d] < 0 || begin[d] + n[d] > x.type().dim(d)) throw o.error("slice out of range in dimension " + d);
        }
        o.emit(OpKind.STRIDED_SLICE, new Attrs.StridedSlice(begin, s, n), x);
    }

    private void split(Op o, int[] axisTensor, int dataInput, int[] sizes) {
        Value x = o.in(dataInput);
        int axis = normalizeAxis(o, axisTensor[0], x.type().rank());
        int parts = o.outputCount();
        int[] sz = new int[parts];
        if (sizes == null) {
            if (parts == 0 || x.type().dim(axis) % parts != 0)
                throw o.error("cannot split dimension of size " + x.type().dim(axis) + " into " + parts + " equal parts");
            Arrays.fill(sz, x.type().dim(axis) / parts);
        } else {
            for (int i = 0; i < parts; i++) sz[i] = o.outType(i).dim(axis);
        }
        o.emit(OpKind.SPLIT, new Attrs.Split(axis, sz), x);
    }

    private static int clampIndex(int i, int dim, int lo, int hi) {
        int v = i < 0 ? i + dim : i;
        return Math.max(lo, Math.min(hi, v));
    }

    private static int ceilDiv(int a, int b) { return -Math.floorDiv(-a, b); }

    private int normalizeAxis(Op o, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= Math.max(rank, 1)) throw o.error("axis " + axis + " is out of range for rank " + rank);
        return a;
    }

    private Activation activation(Op o, int code) {
        try {
            Activation a = TfliteSchema.activation(code);
            if (a == Activation.TANH || a == Activation.SIGN_BIT) throw o.error("fused activation " + a + " is not supported");
            return a;
        } catch (IllegalArgumentException e) {
            throw o.error(e.getMessage());
        }
    }

    private static void requireRank(Op o, Value v, int rank, String what) {
        if (v.type().rank() != rank) throw o.error(what + " has rank " + v.type().rank() + ", expected " + rank);
    }

    /**
     * Dynamic-range ("hybrid") models keep float activations and int8 weights. TFLite's hybrid kernels
     * quantize the activations on the fly; we compute in float with the weights dequantized once here,
     * which agrees within quantization noise (TFLM cannot run these models at all).
     */
    private Value floatWeightsForHybrid(Op o, Value x, Value w) {
        if (x.type().elementType() != ElementType.FLOAT32 || w.type().elementType() == ElementType.FLOAT32) return w;
        if (!w.isConstant() || w.type().quant() == null || w.type().elementType() != ElementType.INT8)
            throw o.error("hybrid quantization needs constant int8 weights with a scale, got " + w.type());
        dev.tinyforge.ir.Quant q = w.type().quant();
        int[] shape = w.type().shape();
        int inner = 1;
        for (int d = q.axis() + 1; d < shape.length; d++) inner *= shape[d];
        Tensor f = Tensor.zeros(new TensorType(ElementType.FLOAT32, shape));
        byte[] qv = w.constant().int8();
        for (int i = 0; i < qv.length; i++) {
            int channel = q.isPerChannel() ? (i / inner) % shape[q.axis()] : 0;
            f.float32()[i] = q.scale(channel) * (qv[i] - q.zeroPoint(channel));
        }
        return graph.newConstant(w.name() + "_dequantized", f);
    }

    /** SAME/VALID to explicit {top, left, bottom, right}, as TFLite computes them. */
    private static int[] pads2d(Op o, int padding, TensorType in, int kh, int kw, int[] strides, int[] dil) {
        if (strides[0] < 1 || strides[1] < 1 || dil[0] < 1 || dil[1] < 1)
            throw o.error("strides and dilations must be positive");
        int[] h = pad1d(padding, in.dim(1), kh, strides[0], dil[0]);
        int[] w = pad1d(padding, in.dim(2), kw, strides[1], dil[1]);
        return new int[] {h[0], w[0], h[1], w[1]};
    }

    private static int[] pad1d(int padding, int in, int k, int stride, int dilation) {
        if (padding != PADDING_SAME) return new int[] {0, 0};
        int effective = (k - 1) * dilation + 1;
        int out = (in + stride - 1) / stride;
        int total = Math.max((out - 1) * stride + effective - in, 0);
        return new int[] {total / 2, total - total / 2};
    }

    /** One operator being translated: its tensors, options and error context. */
    private final class Op {
        final int index;
        final TfliteReader.OperatorCode code;
        final int[] inputs, outputs;
        final FlatBufferView table;

        Op(int index, TfliteReader.OperatorCode code, FlatBufferView table) {
            this.index = index;
            this.code = code;
            this.table = table;
            this.inputs = TfliteReader.intVector(table, TfliteSchema.Operator.INPUTS);
            this.outputs = TfliteReader.intVector(table, TfliteSchema.Operator.OUTPUTS);
        }

        String outputNote() {
            try {
                return outputs.length > 0 ? " (output '" + reader.tensorName(outputs[0]) + "')" : "";
            } catch (RuntimeException e) {
                return "";
            }
        }

        CompileException error(String what) {
            return new CompileException(reader.fileName() + ": node " + index + " " + code.displayName() + outputNote() + ": " + what);
        }

        /** The options table; an empty one when absent so defaults apply. */
        FlatBufferView options() {
            FlatBufferView t = table.getTable(TfliteSchema.Operator.BUILTIN_OPTIONS);
            return t != null ? t : EMPTY;
        }

        int inputCount() { return inputs.length; }

        int outputCount() { return outputs.length; }

        /** Required input i. */
        Value in(int i) {
            if (i >= inputs.length || inputs[i] < 0)
                throw error("expected input " + i + " but the operator has " + inputs.length + " inputs");
            return reader.value(inputs[i]);
        }

        /** Optional input i (a bias), or null when absent (index -1 or beyond the list). */
        Value optIn(int i) {
            return i >= inputs.length || inputs[i] < 0 ? null : reader.value(inputs[i]);
        }

        Value[] allInputs() {
            Value[] v = new Value[inputs.length];
            for (int i = 0; i < v.length; i++) v[i] = in(i);
            return v;
        }

        Tensor constant(int i) {
            if (i >= inputs.length || inputs[i] < 0) throw error("missing input " + i);
            if (!reader.isConstantTensor(inputs[i])) throw error("input " + i + " must be a constant tensor");
            return reader.value(inputs[i]).constant();
        }

        int[] constInts(int i) {
            Tensor t = constant(i);
            if (t.type().elementType() != ElementType.INT32 && t.type().elementType() != ElementType.INT64)
                throw error("input " + i + " must be an int32 constant");
            return t.toIntArray();
        }

        TensorType outType(int i) {
            if (i >= outputs.length) throw error("expected at least " + (i + 1) + " outputs");
            return reader.tensorType(outputs[i]);
        }

        void emit(OpKind kind, Attrs attrs, Value... ins) {
            for (int i = 0; i < ins.length; i++)
                if (ins[i] != null && ins[i].isVariable() && !kind.isStateOperand(i))
                    throw error("input " + i + " is a variable tensor ('" + ins[i].name() + "'); tinyforge supports variable "
                            + "tensors only as SVDF's activation state");
            List<Value> outs = new ArrayList<>();
            for (int t : outputs) outs.add(reader.defineOutput(t));
            if (outs.isEmpty()) throw error("operator has no outputs");
            graph.addNode(outs.get(0).name(), kind, attrs, Arrays.asList(ins), outs);
        }
    }

    private static final FlatBufferView EMPTY = emptyTable();

    private static FlatBufferView emptyTable() {
        // A minimal flatbuffer whose root is a table with no fields: root offset 8, vtable at 4 (size 4, table size 4).
        byte[] b = {8, 0, 0, 0, 4, 0, 4, 0, 4, 0, 0, 0};
        return FlatBufferView.root(b);
    }
}
