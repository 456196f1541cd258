package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.quant.FixedPoint;
import dev.tinyforge.quant.FloatActivationRange;
import dev.tinyforge.quant.params.AddParams;

/**
 * ADD and SUB with broadcasting, as TFLM's reference: quantized inputs are offset, shifted left by
 * left_shift, each scaled by its SmallerThanOneExp multiplier, added (or subtracted), rescaled to the
 * output and clamped; int32 and float are plain with the activation clamp.
 */
public final class AddSubEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor a = in[0], b = in[1], out = EvalSupport.output(node);
        if (IntegerBinary.applies(out))
            return IntegerBinary.evaluate(node, in[0], in[1], out);
        int[] os = out.type().shape();
        int[] ia = Broadcast.indexMap(a.type().shape(), os), ib = Broadcast.indexMap(b.type().shape(), os);
        boolean sub = node.kind() == OpKind.SUB;
        int n = out.size();
        switch (EvalSupport.type(out)) {
            case INT8, INT16 -> {
                AddParams p = AddParams.prepare(node);
                for (int i = 0; i < n; i++) out.setLong(i, quantized(p, sub, a.getInt(ia[i]), b.getInt(ib[i])));
            }
            case INT32 -> {
                int[] x = a.int32(), y = b.int32(), o = out.int32();
                for (int i = 0; i < n; i++) o[i] = sub ? x[ia[i]] - y[ib[i]] : x[ia[i]] + y[ib[i]];
            }
            case FLOAT32 -> {
                FloatActivationRange act = FloatActivationRange.of(node.attrs(Attrs.Binary.class).activation());
                float[] x = a.float32(), y = b.float32(), o = out.float32();
                for (int i = 0; i < n; i++) o[i] = act.apply(sub ? x[ia[i]] - y[ib[i]] : x[ia[i]] + y[ib[i]]);
            }
            default -> throw EvalSupport.unsupported(node, out);
        }
        return new Tensor[] {out};
    }

    /** One quantized element (TFLM AddFunc / SubFunc). */
    public static int quantized(AddParams p, boolean sub, int a, int b) {
        int x = (p.input1Offset() + a) * (1 << p.leftShift());
        int y = (p.input2Offset() + b) * (1 << p.leftShift());
        int sx = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(x, p.input1Multiplier(), p.input1Shift());
        int sy = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(y, p.input2Multiplier(), p.input2Shift());
        int raw = sub ? sx - sy : sx + sy;
        int r = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(raw, p.outputMultiplier(), p.outputShift()) + p.outputOffset();
        return EvalSupport.clamp(r, p.activationMin(), p.activationMax());
    }
}
