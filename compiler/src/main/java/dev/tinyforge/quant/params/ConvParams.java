package dev.tinyforge.quant.params;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.quant.ActivationRange;
import dev.tinyforge.quant.QuantizedMultiplier;

/**
 * Prepared parameters of a quantized CONV_2D or DEPTHWISE_CONV_2D, as TFLM's conv/depthwise Prepare
 * (PopulateConvolutionQuantizationParams). Mirrors {@code tf_conv_params} / {@code tf_dw_conv_params}
 * plus the {@code tf_per_channel_quant} arrays: one multiplier and shift per output channel, a per-tensor
 * filter scale repeated for every channel. {@code depthMultiplier} is 1 for CONV_2D (only the
 * depthwise struct carries it).
 */
public record ConvParams(int inputOffset, int outputOffset, int depthMultiplier,
                         int strideH, int strideW, int dilationH, int dilationW, int padTop, int padLeft,
                         int activationMin, int activationMax, int[] multipliers, int[] shifts) {

    public static ConvParams prepare(Node node) {
        int[] pads, strides, dilations;
        int depthMultiplier, channels;
        Activation activation;
        int[] filterShape = node.input(1).type().shape();
        if (node.kind() == OpKind.CONV_2D) {
            Attrs.Conv2D a = node.attrs(Attrs.Conv2D.class);
            pads = a.pads(); strides = a.strides(); dilations = a.dilations(); activation = a.activation();
            depthMultiplier = 1;
            channels = filterShape[0];
        } else if (node.kind() == OpKind.DEPTHWISE_CONV_2D) {
            Attrs.DepthwiseConv2D a = node.attrs(Attrs.DepthwiseConv2D.class);
            pads = a.pads(); strides = a.strides(); dilations = a.dilations(); activation = a.activation();
            depthMultiplier = a.depthMultiplier();
            channels = filterShape[3];
        } else {
            throw new CompileException(node + ": ConvParams needs CONV_2D or DEPTHWISE_CONV_2D");
        }
        Quant in = NodeQuant.input(node, 0), filter = NodeQuant.input(node, 1), out = NodeQuant.output(node);
        if (filter.isPerChannel() && filter.channels() != channels)
            throw new CompileException(node + ": filter has " + filter.channels() + " scales for " + channels + " output channels");
        int[] multipliers = new int[channels], shifts = new int[channels];
        for (int c = 0; c < channels; c++) {
            double effective = (double) in.scale() * (double) filter.scale(c) / (double) out.scale();
            QuantizedMultiplier m = QuantizedMultiplier.of(effective);
            multipliers[c] = m.multiplier();
            shifts[c] = m.shift();
        }
        ActivationRange act = ActivationRange.of(activation, out, node.output().type().elementType());
        return new ConvParams(-in.zeroPoint(), out.zeroPoint(), depthMultiplier, strides[0], strides[1],
                dilations[0], dilations[1], pads[0], pads[1], act.min(), act.max(), multipliers, shifts);
    }

    @Override public int[] multipliers() { return multipliers.clone(); }
    @Override public int[] shifts() { return shifts.clone(); }

    public int multiplier(int channel) { return multipliers[channel]; }
    public int shift(int channel) { return shifts[channel]; }
}
