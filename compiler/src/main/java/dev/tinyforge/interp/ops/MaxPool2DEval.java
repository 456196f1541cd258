package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.quant.FloatActivationRange;
import dev.tinyforge.quant.params.PoolParams;

/** MAX_POOL_2D as TFLM's reference: max over the clipped window, then the activation clamp. */
public final class MaxPool2DEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], out = EvalSupport.output(node);
        Attrs.Pool2D a = node.attrs(Attrs.Pool2D.class);
        PoolWindow w = new PoolWindow(a, input.type(), out.type());
        boolean isFloat = input.type().elementType().isFloat();
        PoolParams p = isFloat || !out.type().isQuantized() ? null : PoolParams.prepare(node);
        FloatActivationRange fact = FloatActivationRange.of(a.activation());
        for (int b = 0; b < w.batches; b++)
            for (int oy = 0; oy < w.outH; oy++)
                for (int ox = 0; ox < w.outW; ox++) {
                    int y0 = w.yStart(oy), y1 = w.yEnd(oy), x0 = w.xStart(ox), x1 = w.xEnd(ox);
                    for (int c = 0; c < w.channels; c++) {
                        int o = w.outIndex(b, oy, ox, c);
                        if (isFloat) {
                            float max = -Float.MAX_VALUE;
                            for (int fy = y0; fy < y1; fy++)
                                for (int fx = x0; fx < x1; fx++)
                                    max = Math.max(max, input.float32()[w.inIndex(b, w.inY(oy, fy), w.inX(ox, fx), c)]);
                            out.float32()[o] = fact.apply(max);
                        } else {
                            int max = Integer.MIN_VALUE;
                            for (int fy = y0; fy < y1; fy++)
                                for (int fx = x0; fx < x1; fx++)
                                    max = Math.max(max, input.getInt(w.inIndex(b, w.inY(oy, fy), w.inX(ox, fx), c)));
                            out.setLong(o, p == null ? max : EvalSupport.clamp(max, p.activationMin(), p.activationMax()));
                        }
                    }
                }
        return new Tensor[] {out};
    }
}
