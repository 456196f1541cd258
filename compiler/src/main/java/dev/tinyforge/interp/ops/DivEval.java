package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.quant.FloatActivationRange;

/** DIV with broadcasting; float only (TFLM's DIV kernel supports float32 only). */
public final class DivEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor a = in[0], b = in[1], out = EvalSupport.output(node);
        if (IntegerBinary.applies(out))
            return IntegerBinary.evaluate(node, in[0], in[1], out);
        if (!out.type().elementType().isFloat()) throw EvalSupport.unsupported(node, out);
        int[] os = out.type().shape();
        int[] ia = Broadcast.indexMap(a.type().shape(), os), ib = Broadcast.indexMap(b.type().shape(), os);
        FloatActivationRange act = FloatActivationRange.of(node.attrs(Attrs.Binary.class).activation());
        float[] x = a.float32(), y = b.float32(), o = out.float32();
        for (int i = 0; i < o.length; i++) o[i] = act.apply(x[ia[i]] / y[ib[i]]);
        return new Tensor[] {out};
    }
}
