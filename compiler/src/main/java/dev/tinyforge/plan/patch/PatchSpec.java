package dev.tinyforge.plan.patch;

import dev.tinyforge.CompileException;
import dev.tinyforge.Compiler;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.passes.Pipeline;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --patch} setting: {@code off}, or {@code NxM@L} for an N-row by M-column grid over the output of
 * layer L (its index in execution order after the default pass pipeline, as {@code tinyforge inspect} lists).
 */
public record PatchSpec(int rows, int cols, int splitLayer) {

    private static final Pattern FORM = Pattern.compile("(\\d+)x(\\d+)@(\\d+)");

    /** Null for "off". */
    public static PatchSpec parse(String text) {
        if (text == null || text.equals("off")) return null;
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) throw new CompileException("--patch expects auto, off or NxM@LAYER (e.g. 2x2@5), got '" + text + "'");
        try {
            return new PatchSpec(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (NumberFormatException e) {
            throw new CompileException("--patch numbers out of range in '" + text + "'");
        }
    }

    /** Runs the default pipeline (so layer numbers are the compiler's) and rewrites the graph into patches. */
    public Graph applyTo(Graph g) {
        Pipeline.parse(Compiler.DEFAULT_PIPELINE).run(g);
        PatchSchedule.apply(g, splitLayer, rows, cols);
        return g;
    }

    @Override public String toString() { return rows + "x" + cols + "@" + splitLayer; }
}
