package dev.tinyforge.interp.ops;

import dev.tinyforge.CompileException;
import dev.tinyforge.interp.OpEvaluator;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Tensor;

/** SVDF: not yet implemented in the interpreter. */
public final class SvdfEval implements OpEvaluator {

    @Override public Tensor[] evaluate(Node node, Tensor[] in) {
        throw new CompileException(node + ": the interpreter does not implement SVDF yet");
    }
}
