package dev.tinyforge.interp;

import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;

/** Computes one node's outputs from its input tensors (null where an optional input is absent). */
@FunctionalInterface
public interface OpEvaluator {
    Tensor[] evaluate(Node node, Tensor[] inputs);
}
