package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.quant.FixedPoint;
import dev.tinyforge.quant.FloatActivationRange;
import dev.tinyforge.quant.params.MulParams;

/**
 * MUL with broadcasting, as TFLM's reference: quantized
 * out = clamp(output_offset + MBQM((x + off1) * (y + off2), multiplier, shift)); float and int32 plain.
 */
public final class MulEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor a = in[0], b = in[1], out = EvalSupport.output(node);
        if (IntegerBinary.applies(out))
            return IntegerBinary.evaluate(node, in[0], in[1], out);
        int[] os = out.type().shape();
        int[] ia = Broadcast.indexMap(a.type().shape(), os), ib = Broadcast.indexMap(b.type().shape(), os);
        int n = out.size();
        switch (EvalSupport.type(out)) {
            case INT8, INT16 -> {
                MulParams p = MulParams.prepare(node);
                for (int i = 0; i < n; i++) out.setLong(i, quantized(p, a.getInt(ia[i]), b.getInt(ib[i])));
            }
            case INT32 -> {
                int[] x = a.int32(), y = b.int32(), o = out.int32();
                for (int i = 0; i < n; i++) o[i] = x[ia[i]] * y[ib[i]];
            }
            case FLOAT32 -> {
                FloatActivationRange act = FloatActivationRange.of(node.attrs(Attrs.Binary.class).activation());
                float[] x = a.float32(), y = b.float32(), o = out.float32();
                for (int i = 0; i < n; i++) o[i] = act.apply(x[ia[i]] * y[ib[i]]);
            }
            default -> throw EvalSupport.unsupported(node, out);
        }
        return new Tensor[] {out};
    }

    /** One quantized element (TFLM MulElementwise). */
    public static int quantized(MulParams p, int a, int b) {
        int x = p.input1Offset() + a, y = p.input2Offset() + b;
        int r = p.outputOffset() + FixedPoint.multiplyByQuantizedMultiplier(x * y, p.outputMultiplier(), p.outputShift());
        return EvalSupport.clamp(r, p.activationMin(), p.activationMax());
    }
}
