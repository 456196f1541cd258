package dev.tinyforge.cli;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Graph;

/** Bridges to the textual IR printer. */
final class IrText {
    private IrText() {}

    static String print(Graph g, boolean fullWeights) {
        throw new CompileException("the textual IR printer is not available in this build");
    }
}
