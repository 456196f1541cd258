package dev.tinyforge.cli;

import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.text.IrPrinter;

/** The textual IR for `inspect --ir`: weights elided for reading, or complete for round-tripping. */
final class IrText {
    private IrText() {}

    static String print(Graph g, boolean fullWeights) {
        return IrPrinter.print(g, fullWeights ? IrPrinter.Options.FULL : IrPrinter.Options.HUMAN);
    }
}
