package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.quant.FloatActivationRange;
import dev.tinyforge.quant.params.PoolParams;

/**
 * AVERAGE_POOL_2D as TFLM's reference: the window is clipped to the input and only real elements count;
 * integer averages round half away from zero ((sum +- count/2) / count, C division); float averages are
 * sum / count in float.
 */
public final class AveragePool2DEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], out = EvalSupport.output(node);
        Attrs.Pool2D a = node.attrs(Attrs.Pool2D.class);
        PoolWindow w = new PoolWindow(a, input.type(), out.type());
        boolean isFloat = input.type().elementType().isFloat();
        PoolParams p = isFloat ? null : PoolParams.prepare(node);
        FloatActivationRange fact = FloatActivationRange.of(a.activation());
        for (int b = 0; b < w.batches; b++)
            for (int oy = 0; oy < w.outH; oy++)
                for (int ox = 0; ox < w.outW; ox++) {
                    int y0 = w.yStart(oy), y1 = w.yEnd(oy), x0 = w.xStart(ox), x1 = w.xEnd(ox);
                    int count = (y1 - y0) * (x1 - x0);
                    for (int c = 0; c < w.channels; c++) {
                        int o = w.outIndex(b, oy, ox, c);
                        if (isFloat) {
                            float[] x = input.float32();
                            float total = 0f;
                            for (int fy = y0; fy < y1; fy++)
                                for (int fx = x0; fx < x1; fx++) total += x[w.inIndex(b, w.inY(oy, fy), w.inX(ox, fx), c)];
                            out.float32()[o] = fact.apply(total / (float) count);
                        } else {
                            int acc = 0;
                            for (int fy = y0; fy < y1; fy++)
                                for (int fx = x0; fx < x1; fx++) acc += input.getInt(w.inIndex(b, w.inY(oy, fy), w.inX(ox, fx), c));
                            if (count == 0) continue; // TFLM returns an error; nothing meaningful to write
                            acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
                            out.setLong(o, EvalSupport.clamp(acc, p.activationMin(), p.activationMax()));
                        }
                    }
                }
        return new Tensor[] {out};
    }
}
