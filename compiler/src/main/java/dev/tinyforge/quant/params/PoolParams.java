package dev.tinyforge.quant.params;

import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.quant.ActivationRange;

/**
 * Prepared parameters of a quantized AVERAGE_POOL_2D or MAX_POOL_2D, mirroring {@code tf_pool_params}:
 * geometry and the output clamp (the pools never requantize: TFLM requires equal input/output quant).
 */
public record PoolParams(int strideH, int strideW, int filterH, int filterW, int padTop, int padLeft,
                         int activationMin, int activationMax) {

    public static PoolParams prepare(Node node) {
        Attrs.Pool2D a = node.attrs(Attrs.Pool2D.class);
        ActivationRange act = ActivationRange.of(a.activation(), NodeQuant.output(node),
                node.output().type().elementType());
        return new PoolParams(a.strides()[0], a.strides()[1], a.filter()[0], a.filter()[1], a.pads()[0],
                a.pads()[1], act.min(), act.max());
    }
}
