package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Tensor;

/**
 * ABS, NEG, EXP, SQRT, ROUND, ELU and THRESHOLDED_RELU: float element-wise in float32 (exp and sqrt through
 * double, rounded once); ABS and NEG also on unquantized integers (wrapping as C does).
 */
public final class UnaryMathEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor x = in[0], out = EvalSupport.output(node);
        OpKind k = node.kind();
        if (x.type().elementType().isFloat()) {
            float[] a = x.float32(), o = out.float32();
            float alpha = node.attrs() instanceof Attrs.Elu e ? e.alpha() : 0f;
            for (int i = 0; i < a.length; i++) {
                float v = a[i];
                o[i] = switch (k) {
                    case ABS -> Math.abs(v);
                    case NEG -> -v;
                    case EXP -> (float) Math.exp(v);
                    case SQRT -> (float) Math.sqrt(v);
                    case ROUND -> (float) Math.rint(v);
                    case POW_SCALAR -> (float) Math.pow(v, ((Attrs.Power) node.attrs()).exponent());
                    case ELU -> v < 0f ? alpha * ((float) Math.exp(v) - 1f) : v;
                    case THRESHOLDED_RELU -> v > alpha ? v : 0f;
                    default -> throw new IllegalStateException(k.name());
                };
            }
            return new Tensor[] {out};
        }
        if (x.type().isQuantized() || (k != OpKind.ABS && k != OpKind.NEG)) throw EvalSupport.unsupported(node, x);
        for (int i = 0; i < x.size(); i++) {
            long v = x.getLong(i);
            out.setLong(i, k == OpKind.ABS ? Math.abs(v) : -v);
        }
        return new Tensor[] {out};
    }
}
