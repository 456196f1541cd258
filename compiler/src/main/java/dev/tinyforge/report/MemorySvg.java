package dev.tinyforge.report;

import java.util.List;
import java.util.Locale;

import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.plan.Buffer;
import dev.tinyforge.plan.InPlace;
import dev.tinyforge.plan.MemoryPlan;
import dev.tinyforge.plan.patch.PatchChoice;

/**
 * The arena over time as an SVG picture: x is the layer (step), y the address (0 at the bottom), one
 * rectangle per buffer from the step that writes it to the last step that reads it. Tensors are blue,
 * kernel scratch orange, buffers written in place over their input green; the step with the most live
 * bytes and the arena top are marked in red, the layer-wise lower bound as a dashed line.
 */
public final class MemorySvg {
    private MemorySvg() {}

    private static final int LEFT = 90, RIGHT = 30, TOP = 60, BOTTOM = 90, PLOT_H = 520, MIN_STEP_W = 14;

    public static String render(Graph g, MemoryPlan plan) {
        return render(g, plan, null);
    }

    /** As {@link #render(Graph, MemoryPlan)}, with the patch stage (if any) shaded and labelled. */
    public static String render(Graph g, MemoryPlan plan, PatchChoice patch) {
        int steps = plan.steps();
        int cols = steps + 2; // step -1 (inputs) .. steps (outputs)
        int stepW = Math.max(MIN_STEP_W, 1100 / Math.max(1, cols));
        int plotW = stepW * cols;
        long top = Math.max(1, Math.max(plan.arenaBytes(), plan.lowerBound()));
        double yScale = PLOT_H / (double) top;
        int width = LEFT + plotW + RIGHT, height = TOP + PLOT_H + BOTTOM;
        long[] live = plan.liveBytesPerStep();
        int peakCol = 0;
        for (int i = 0; i < live.length; i++) if (live[i] > live[peakCol]) peakCol = i;

        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", width, height, width, height));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s: arena %,d bytes"
                + " (layer-wise lower bound %,d; %s)</text>%n", LEFT, esc(g.name()), plan.arenaBytes(), plan.lowerBound(),
                esc(plan.strategy())));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"40\" fill=\"#444\">x: layer; y: arena address; "
                + "blue tensor, green written in place over its input, purple overlapping its input's consumed head, "
                + "orange kernel scratch; red: peak step</text>%n", LEFT));
        // peak column
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#ffe0e0\"/>%n",
                LEFT + peakCol * stepW, TOP, stepW, PLOT_H));
        if (patch != null && !patch.isOff()) s.append(patchBand(g, patch, stepW));
        java.util.Set<Buffer> inPlaceOutputs = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.Set<Buffer> overlapOutputs = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (InPlace p : plan.inPlace()) (p.isOverlap() ? overlapOutputs : inPlaceOutputs).add(p.output());
        List<Buffer> buffers = plan.buffers();
        for (Buffer b : buffers) {
            if (b.bytes() == 0) continue;
            int c0 = Math.max(0, b.firstStep() + 1), c1 = Math.min(cols - 1, b.lastStep() + 1);
            double x = LEFT + c0 * stepW + 1, w = (c1 - c0 + 1) * stepW - 2;
            double y1 = TOP + PLOT_H - plan.offset(b) * yScale, h = Math.max(1, b.bytes() * yScale);
            String fill = b.isScratch() ? "#f5a623" : inPlaceOutputs.contains(b) ? "#7ed321"
                    : overlapOutputs.contains(b) ? "#a56cc1" : "#4a90e2";
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
                    + "fill-opacity=\"0.75\" stroke=\"#203040\" stroke-width=\"0.6\"><title>%s: %,d bytes at %d, steps %d..%d</title></rect>%n",
                    x, y1 - h, w, h, fill, esc(b.label()), b.bytes(), plan.offset(b), b.firstStep(), b.lastStep()));
            if (h >= 11 && w >= 40) {
                String label = shorten(b.label(), (int) (w / 5.2));
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" fill=\"#102030\">%s</text>%n",
                        x + 2, y1 - h + 10, esc(label)));
            } else if (h >= 50 && w >= 10) { // tall and narrow: write the name upwards
                String label = shorten(b.label(), (int) (h / 5.2));
                s.append(String.format(Locale.ROOT, "<text transform=\"translate(%.1f,%.1f) rotate(-90)\" font-size=\"9\" "
                        + "fill=\"#102030\">%s</text>%n", x + w / 2 + 3, y1 - 3, esc(label)));
            }
        }
        // axes
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", LEFT, TOP + PLOT_H,
                LEFT + plotW, TOP + PLOT_H));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", LEFT, TOP, LEFT,
                TOP + PLOT_H));
        for (int i = 0; i <= 4; i++) {
            long v = top * i / 4;
            double y = TOP + PLOT_H - v * yScale;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%,d</text>%n", LEFT - 6, y + 4, v));
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ccc\" stroke-width=\"0.5\"/>%n",
                    LEFT, y, LEFT + plotW, y));
        }
        double arenaY = TOP + PLOT_H - plan.arenaBytes() * yScale;
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"red\" stroke-width=\"1.5\"/>%n",
                LEFT, arenaY, LEFT + plotW, arenaY));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"red\" text-anchor=\"end\">arena %,d</text>%n",
                LEFT + plotW, arenaY - 4, plan.arenaBytes()));
        double lbY = TOP + PLOT_H - plan.lowerBound() * yScale;
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#555\" stroke-dasharray=\"6,4\"/>%n",
                LEFT, lbY, LEFT + plotW, lbY));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"#555\" text-anchor=\"end\">layer-wise lower bound %,d</text>%n",
                LEFT + plotW, lbY - 4, plan.lowerBound()));
        String peakText = String.format(Locale.ROOT, "peak at %s: %,d bytes live", peakCol == 0 ? "input" : peakCol > steps ? "output"
                : "layer " + (peakCol - 1), live[peakCol]);
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"red\">%s</text>%n",
                LEFT + peakCol * stepW + stepW + 4.0, arenaY - 4, esc(peakText)));
        // x labels: layer index and op
        for (int col = 0; col < cols; col++) {
            int step = col - 1;
            String label = step < 0 ? "input" : step >= steps ? "output" : step + " " + opShort(g.nodes().get(step));
            double x = LEFT + col * stepW + stepW / 2.0, y = TOP + PLOT_H + 8;
            s.append(String.format(Locale.ROOT, "<text transform=\"translate(%.1f,%.1f) rotate(60)\" font-size=\"9\">%s</text>%n",
                    x - 3, y, esc(label)));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    /** A shaded band over the patch stage's steps (columns 1 .. its last step + 1) with the setting as label. */
    private static String patchBand(Graph g, PatchChoice patch, int stepW) {
        int last = patch.lastPatchStep(g);
        if (last < 0) return "";
        double x = LEFT + stepW, w = (last + 1) * stepW;
        return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#9b59b6\" "
                + "fill-opacity=\"0.12\"/>%n<text x=\"%.1f\" y=\"%d\" fill=\"#6c3483\">patch stage: %s grid up to layer %d, "
                + "+%.2f%% MACs</text>%n", x, TOP, w, PLOT_H, x + 4, TOP + 14,
                patch.spec().rows() + "x" + patch.spec().cols(), patch.spec().splitLayer(), patch.macOverheadPercent());
    }

    private static String opShort(Node n) {
        return switch (n.kind()) {
            case CONV_2D -> "conv";
            case DEPTHWISE_CONV_2D -> "dw";
            case FULLY_CONNECTED -> "fc";
            default -> n.kind().name().toLowerCase(Locale.ROOT);
        };
    }

    private static String shorten(String s, int max) {
        if (max < 3) return "";
        return s.length() <= max ? s : s.substring(0, Math.max(1, max - 1)) + "…";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
