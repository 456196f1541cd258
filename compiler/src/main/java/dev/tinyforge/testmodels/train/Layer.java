package dev.tinyforge.testmodels.train;

import dev.tinyforge.ir.Value;
import dev.tinyforge.testmodels.FloatGraphBuilder;

import java.util.List;

/**
 * One layer of a small trainable network on a single NHWC sample (batch 1). Training runs one sample at
 * a time, so a layer keeps what its backward pass needs from the latest forward pass.
 */
interface Layer {
    float[] forward(float[] in);

    /** Given d(loss)/d(output), accumulates parameter gradients and returns d(loss)/d(input). */
    float[] backward(float[] gradOut);

    /** Parameter arrays and their gradient accumulators, in matching order. */
    List<float[]> parameters();

    List<float[]> gradients();

    int[] outputShape();

    /** Adds this layer, with its current weights, to a float IR graph. */
    Value emit(FloatGraphBuilder b, String name, Value x);
}
