package dev.tinyforge.quant.params;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.quant.ActivationRange;
import dev.tinyforge.quant.QuantizedMultiplier;

/**
 * Prepared parameters of a quantized FULLY_CONNECTED, as TFLM's CalculateOpDataFullyConnected. Mirrors
 * {@code tf_fc_params}; the requantization is one multiplier/shift (per-tensor weights: the effective
 * scale is the float product input*filter widened to double, then divided by the output scale) or one
 * per output row (per-channel weights: double arithmetic throughout).
 */
public record FullyConnectedParams(int inputOffset, int filterOffset, int outputOffset,
                                   int activationMin, int activationMax, boolean perChannel,
                                   int[] multipliers, int[] shifts) {

    public static FullyConnectedParams prepare(Node node) {
        Attrs.FullyConnected a = node.attrs(Attrs.FullyConnected.class);
        Quant in = NodeQuant.input(node, 0), filter = NodeQuant.input(node, 1), out = NodeQuant.output(node);
        int[] multipliers, shifts;
        boolean perChannel = filter.isPerChannel();
        if (perChannel) {
            int n = filter.channels();
            if (n != node.input(1).type().dim(0))
                throw new CompileException(node + ": weights have " + n + " scales for " + node.input(1).type().dim(0) + " rows");
            multipliers = new int[n];
            shifts = new int[n];
            for (int c = 0; c < n; c++) {
                double effective = (double) in.scale() * (double) filter.scale(c) / (double) out.scale();
                QuantizedMultiplier m = QuantizedMultiplier.of(effective);
                multipliers[c] = m.multiplier();
                shifts[c] = m.shift();
            }
        } else {
            double productScale = (double) (in.scale() * filter.scale()); // float product, as TFLite
            QuantizedMultiplier m = QuantizedMultiplier.of(productScale / (double) out.scale());
            multipliers = new int[] {m.multiplier()};
            shifts = new int[] {m.shift()};
        }
        ActivationRange act = ActivationRange.of(a.activation(), out, node.output().type().elementType());
        return new FullyConnectedParams(-in.zeroPoint(), -filter.zeroPoint(), out.zeroPoint(), act.min(), act.max(),
                perChannel, multipliers, shifts);
    }

    @Override public int[] multipliers() { return multipliers.clone(); }
    @Override public int[] shifts() { return shifts.clone(); }

    /** The multiplier for output row {@code row} (the single one for per-tensor weights). */
    public int multiplier(int row) { return multipliers[perChannel ? row : 0]; }
    public int shift(int row) { return shifts[perChannel ? row : 0]; }
}
