package dev.tinyforge.frontend.onnx;

import java.util.Map;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/** Element-wise ONNX ops: arithmetic with broadcasting, activations, Clip. They follow their inputs' layout. */
final class ElementwiseOps {
    private ElementwiseOps() {}

    static void register(Map<String, OnnxOp> m) {
        m.put("Add", c -> binary(c, OpKind.ADD));
        m.put("Sub", c -> binary(c, OpKind.SUB));
        m.put("Mul", c -> binary(c, OpKind.MUL));
        m.put("Div", c -> binary(c, OpKind.DIV));
        m.put("Max", c -> variadic(c, OpKind.MAXIMUM));
        m.put("Min", c -> variadic(c, OpKind.MINIMUM));
        m.put("Sum", c -> variadic(c, OpKind.ADD));
        m.put("Mean", ElementwiseOps::mean);
        m.put("Relu", c -> unary(c, OpKind.RELU, Attrs.None.INSTANCE));
        m.put("Sigmoid", c -> unary(c, OpKind.LOGISTIC, Attrs.None.INSTANCE));
        m.put("Tanh", c -> unary(c, OpKind.TANH, Attrs.None.INSTANCE));
        m.put("HardSwish", c -> unary(c, OpKind.HARD_SWISH, Attrs.None.INSTANCE));
        m.put("LeakyRelu", c -> unary(c, OpKind.LEAKY_RELU, new Attrs.LeakyRelu(c.attrFloat("alpha", 0.01f))));
        m.put("Abs", c -> unary(c, OpKind.ABS, Attrs.None.INSTANCE));
        m.put("Neg", c -> unary(c, OpKind.NEG, Attrs.None.INSTANCE));
        m.put("Exp", c -> unary(c, OpKind.EXP, Attrs.None.INSTANCE));
        m.put("Sqrt", c -> unary(c, OpKind.SQRT, Attrs.None.INSTANCE));
        m.put("Round", c -> unary(c, OpKind.ROUND, Attrs.None.INSTANCE));
        m.put("Elu", c -> unary(c, OpKind.ELU, new Attrs.Elu(c.attrFloat("alpha", 1f))));
        m.put("ThresholdedRelu", c -> unary(c, OpKind.THRESHOLDED_RELU, new Attrs.Elu(c.attrFloat("alpha", 1f))));
        m.put("HardSigmoid", ElementwiseOps::hardSigmoid);
        m.put("Clip", ElementwiseOps::clip);
        m.put("PRelu", ElementwiseOps::prelu);
        m.put("Dropout", c -> {
            if (c.hasOutput(1)) { // inference: the mask is all true
                Tensor mask = Tensor.zeros(new TensorType(ElementType.BOOL, c.shape(0)));
                java.util.Arrays.fill(mask.int8(), (byte) 1);
                c.out(1, c.constant(mask));
            }
            if (c.isNhwc(0)) c.outNhwc(c.inNhwc(0)); else c.out(c.in(0)); // inference: identity
        });
        m.put("LRN", ElementwiseOps::lrn);
        m.put("Identity", c -> {
            if (c.isNhwc(0)) c.outNhwc(c.inNhwc(0));
            else c.out(c.in(0));
        });
    }

    /** True when the op should run in NHWC: a 4-D result and an input that already lives in NHWC. */
    static boolean nhwcMode(NodeContext c, int[] outShape) {
        if (outShape.length != 4) return false;
        for (int i = 0; i < c.inputCount(); i++) if (c.isNhwc(i)) return true;
        return false;
    }

    /** Input i for an NHWC computation: its NHWC form, or its ONNX form raised to 4-D and transposed. */
    static Value operandNhwc(NodeContext c, int i) {
        if (c.isNhwc(i)) return c.inNhwc(i);
        Value v = c.in(i);
        int[] s = v.type().shape();
        if (s.length == 4) return c.inNhwc(i);
        int[] s4 = {1, 1, 1, 1};
        for (int k = 0; k < s.length; k++) s4[4 - s.length + k] = s[k];
        return c.transpose(c.reshape(v, s4), OnnxImporter.TO_NHWC);
    }

    static int[] broadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int ia = a.length - rank + i, ib = b.length - rank + i;
            int da = ia >= 0 ? a[ia] : 1, db = ib >= 0 ? b[ib] : 1;
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    static void binary(NodeContext c, OpKind kind) {
        int[] os = broadcast(c.shape(0), c.shape(1));
        emitBinary(c, kind, 0, 1, os);
    }

    private static void emitBinary(NodeContext c, OpKind kind, int i, int j, int[] os) {
        ElementType et = c.elementType(i);
        if (nhwcMode(c, os)) {
            Value a = operandNhwc(c, i), b = operandNhwc(c, j);
            c.outNhwc(c.emit(kind, binaryAttrs(kind), new TensorType(et, os[0], os[2], os[3], os[1]), a, b));
        } else {
            c.out(c.emit(kind, binaryAttrs(kind), new TensorType(et, os), c.in(i), c.in(j)));
        }
    }

    static dev.tinyforge.ir.Attrs binaryAttrs(OpKind kind) {
        return kind == OpKind.MAXIMUM || kind == OpKind.MINIMUM ? Attrs.None.INSTANCE : new Attrs.Binary(Activation.NONE);
    }

    private static void variadic(NodeContext c, OpKind kind) {
        Value acc = c.in(0);
        for (int i = 1; i < c.inputCount(); i++) {
            Value b = c.in(i);
            acc = c.emit(kind, binaryAttrs(kind), new TensorType(acc.type().elementType(),
                    broadcast(acc.type().shape(), b.type().shape())), acc, b);
        }
        if (c.inputCount() == 1) acc = c.reshape(acc, acc.type().shape()); // identity
        c.out(acc);
    }

    private static void mean(NodeContext c) {
        Value acc = c.in(0);
        for (int i = 1; i < c.inputCount(); i++) {
            Value b = c.in(i);
            acc = c.emit(OpKind.ADD, binaryAttrs(OpKind.ADD), new TensorType(acc.type().elementType(),
                    broadcast(acc.type().shape(), b.type().shape())), acc, b);
        }
        if (c.inputCount() > 1)
            acc = c.emit(OpKind.DIV, binaryAttrs(OpKind.DIV), acc.type(), acc, c.scalar(c.inputCount()));
        c.out(acc);
    }

    static void unary(NodeContext c, OpKind kind, Attrs attrs) {
        if (c.isNhwc(0)) {
            Value x = c.inNhwc(0);
            c.outNhwc(c.emit(kind, attrs, x.type(), x));
        } else {
            Value x = c.in(0);
            c.out(c.emit(kind, attrs, x.type(), x));
        }
    }

    private static Value unaryOn(NodeContext c, Value x, OpKind kind, Attrs attrs) {
        return c.emit(kind, attrs, x.type(), x);
    }

    private static void hardSigmoid(NodeContext c) {
        boolean nhwc = c.isNhwc(0);
        Value x = nhwc ? c.inNhwc(0) : c.in(0);
        TensorType t = x.type();
        Value y = c.emit(OpKind.MUL, binaryAttrs(OpKind.MUL), t, x, c.scalar(c.attrFloat("alpha", 0.2f)));
        y = c.emit(OpKind.ADD, binaryAttrs(OpKind.ADD), t, y, c.scalar(c.attrFloat("beta", 0.5f)));
        y = c.emit(OpKind.MAXIMUM, Attrs.None.INSTANCE, t, y, c.scalar(0f));
        y = c.emit(OpKind.MINIMUM, Attrs.None.INSTANCE, t, y, c.scalar(1f));
        if (nhwc) c.outNhwc(y); else c.out(y);
    }

    private static void clip(NodeContext c) {
        boolean nhwc = c.isNhwc(0);
        Value x = nhwc ? c.inNhwc(0) : c.in(0);
        TensorType t = x.type();
        Tensor lo = null, hi = null;
        Value loV = null, hiV = null;
        if (c.opset < 11) {
            if (c.hasAttr("min")) lo = scalarLike(t, c.attrFloat("min", 0));
            if (c.hasAttr("max")) hi = scalarLike(t, c.attrFloat("max", 0));
        } else {
            if (c.has(1)) { lo = c.constant(1); if (lo == null) loV = c.in(1); }
            if (c.has(2)) { hi = c.constant(2); if (hi == null) hiV = c.in(2); }
        }
        if (lo != null) loV = c.constant(lo.reinterpret(lo.type().withShape()));
        if (hi != null) hiV = c.constant(hi.reinterpret(hi.type().withShape()));
        Value y = x;
        if (t.elementType().isFloat() && lo != null && lo.getDouble(0) == 0 && hiV == null) {
            y = unaryOn(c, x, OpKind.RELU, Attrs.None.INSTANCE);
        } else if (t.elementType().isFloat() && lo != null && hi != null && lo.getDouble(0) == 0 && hi.getDouble(0) == 6) {
            y = unaryOn(c, x, OpKind.RELU6, Attrs.None.INSTANCE);
        } else if (t.elementType().isFloat() && lo != null && hi != null && lo.getDouble(0) == -1 && hi.getDouble(0) == 1) {
            y = unaryOn(c, x, OpKind.RELU_N1_TO_1, Attrs.None.INSTANCE);
        } else {
            if (loV != null) y = c.emit(OpKind.MAXIMUM, Attrs.None.INSTANCE, t, y, loV);
            if (hiV != null) y = c.emit(OpKind.MINIMUM, Attrs.None.INSTANCE, t, y, hiV);
            if (y == x) y = c.reshape(x, x.type().shape()); // no bounds: identity
        }
        if (nhwc) c.outNhwc(y); else c.out(y);
    }

    /** LRN across channels: x / (bias + alpha * mean of x^2 over a window of size channels)^beta. */
    private static void lrn(NodeContext c) {
        Value x = c.in(0);
        int[] s = x.type().shape();
        int size = (int) c.attrInt("size", 1), spatial = 1;
        for (int i = 2; i < s.length; i++) spatial *= s[i];
        Attrs.Binary none = new Attrs.Binary(Activation.NONE);
        Value sq = c.emit(OpKind.MUL, none, x.type(), x, x);
        Value sq4 = c.reshape(sq, s[0], 1, s[1], spatial);
        int before = (size - 1) / 2, after = size - 1 - before;
        Value avg = c.emit(OpKind.POOL_ND, new Attrs.PoolNd(false, new int[] {size, 1}, new int[] {1, 1},
                new int[] {before, 0, after, 0}, new int[] {1, 1}, true), sq4.type(), sq4);
        Value d = c.emit(OpKind.MUL, none, sq4.type(), avg, c.scalar(c.attrFloat("alpha", 1e-4f)));
        d = c.emit(OpKind.ADD, none, sq4.type(), d, c.scalar(c.attrFloat("bias", 1f)));
        d = c.emit(OpKind.POW_SCALAR, new Attrs.Power(c.attrFloat("beta", 0.75f)), sq4.type(), d);
        c.out(c.emit(OpKind.DIV, none, x.type(), x, c.reshape(d, s)));
    }

    private static Tensor scalarLike(TensorType t, double v) {
        Tensor s = Tensor.zeros(new TensorType(t.elementType()));
        s.setDouble(0, v);
        return s;
    }

    private static void prelu(NodeContext c) {
        int[] os = c.shape(0);
        if (nhwcMode(c, os)) {
            Value x = c.inNhwc(0), slope = operandNhwc(c, 1);
            c.outNhwc(c.emit(OpKind.PRELU, Attrs.None.INSTANCE, x.type(), x, slope));
        } else {
            Value x = c.in(0);
            c.out(c.emit(OpKind.PRELU, Attrs.None.INSTANCE, x.type(), x, c.in(1)));
        }
    }
}
