package dev.tinyforge.interp.ops;

import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.quant.FixedPoint;
import dev.tinyforge.quant.params.SvdfParams;

/**
 * SVDF as TFLM's reference (one invocation): the activation state (input 4, copied, not mutated: each
 * run starts from the given state, as TFLM does in a fresh arena) is shifted left by one, the feature
 * matmul result goes into its last column (int8: requantized with effective_scale_1, + state zero point,
 * clamped to the state type), the time matmul against weights_time (state minus its zero point), rank
 * reduction, bias, then (int8) requantization with effective_scale_2 to the output, or (float) the
 * fused activation.
 */
public final class SvdfEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        Tensor input = in[0], wf = in[1], wt = in[2], bias = in.length > 3 ? in[3] : null, state = in[4].copy();
        Tensor out = EvalSupport.output(node);
        Attrs.Svdf a = node.attrs(Attrs.Svdf.class);
        int rank = a.rank(), batches = input.type().dim(0), nInput = input.type().dim(1);
        int nFilter = wf.type().dim(0), nUnit = nFilter / rank, nMemory = wt.type().dim(1);
        int stateSize = batches * nFilter * nMemory;
        boolean isFloat = input.type().elementType().isFloat();
        // shift the state left by one element (the oldest column falls out, the newest is overwritten)
        System.arraycopy(state.array(), 1, state.array(), 0, stateSize - 1);
        SvdfParams p = isFloat ? null : SvdfParams.prepare(node);
        int stMin = isFloat ? 0 : (int) (state.type().elementType().byteSize() == 1 ? Byte.MIN_VALUE : Short.MIN_VALUE);
        int stMax = isFloat ? 0 : (int) (state.type().elementType().byteSize() == 1 ? Byte.MAX_VALUE : Short.MAX_VALUE);
        for (int b = 0; b < batches; b++)
            for (int r = 0; r < nFilter; r++) {
                int dst = b * nFilter * nMemory + r * nMemory + (nMemory - 1);
                if (isFloat) {
                    float dot = 0f;
                    for (int c = 0; c < nInput; c++) dot += wf.float32()[r * nInput + c] * input.float32()[b * nInput + c];
                    state.float32()[dst] = dot;
                } else {
                    int dot = 0;
                    for (int c = 0; c < nInput; c++) dot += wf.int8()[r * nInput + c] * (input.int8()[b * nInput + c] - p.inputZeroPoint());
                    dot = FixedPoint.multiplyByQuantizedMultiplier(dot, p.effectiveScale1A(), p.effectiveScale1B());
                    dot = EvalSupport.clamp(p.activationStateZeroPoint() + dot, stMin, stMax);
                    state.setLong(dst, dot);
                }
            }
        for (int b = 0; b < batches; b++)
            for (int u = 0; u < nUnit; u++) {
                if (isFloat) {
                    float acc = bias == null ? 0f : bias.float32()[u];
                    for (int k = 0; k < rank; k++) {
                        int f = u * rank + k;
                        float t = 0f;
                        for (int j = 0; j < nMemory; j++)
                            t += wt.float32()[f * nMemory + j] * state.float32()[b * nFilter * nMemory + f * nMemory + j];
                        acc += t;
                    }
                    out.float32()[b * nUnit + u] = activation(a, acc);
                } else {
                    int acc = bias == null ? 0 : bias.int32()[u];
                    for (int k = 0; k < rank; k++) {
                        int f = u * rank + k;
                        int t = 0;
                        for (int j = 0; j < nMemory; j++)
                            t += wt.getInt(f * nMemory + j) * (state.getInt(b * nFilter * nMemory + f * nMemory + j) - p.activationStateZeroPoint());
                        acc += t;
                    }
                    int r = FixedPoint.multiplyByQuantizedMultiplier(acc, p.effectiveScale2A(), p.effectiveScale2B()) + p.outputZeroPoint();
                    out.setLong(b * nUnit + u, EvalSupport.clamp(r, Byte.MIN_VALUE, Byte.MAX_VALUE));
                }
            }
        return new Tensor[] {out};
    }

    private static float activation(Attrs.Svdf a, float x) {
        return switch (a.activation()) {
            case RELU -> Math.max(0f, x);
            case RELU6 -> Math.min(Math.max(0f, x), 6f);
            case RELU_N1_TO_1 -> Math.min(Math.max(-1f, x), 1f);
            case TANH -> (float) Math.tanh(x);
            case SIGN_BIT -> Math.signum(x);
            default -> x;
        };
    }
}
