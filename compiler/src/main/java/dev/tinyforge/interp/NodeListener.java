package dev.tinyforge.interp;

import java.util.List;

import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;

/** Receives every node's outputs as the interpreter produces them (for layer-by-layer comparison). */
@FunctionalInterface
public interface NodeListener {
    void onNode(int index, Node node, List<Tensor> outputs);
}
