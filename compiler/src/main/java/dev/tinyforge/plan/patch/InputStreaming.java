package dev.tinyforge.plan.patch;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rewrites a graph so that its inputs are streamed (see {@link InputSource}): afterwards every input is marked
 * streamed and read only through STRIDED_SLICE windows, so the planner gives it no memory and the backend
 * reads each window through the application's row callback. A float input's QUANTIZE moves in front of the
 * windows (QUANTIZE is pointwise, so slicing and quantizing commute): the windows are converted as they are
 * read, and neither the float image nor its int8 copy ever sits in SRAM whole; only the int8 windows do.
 */
final class InputStreaming {

    private InputStreaming() {}

    static void prepare(Graph g, InputSource input) {
        if (!input.streamed()) return;
        for (Value x : g.inputs()) {
            if (x.type().rank() != 4) {
                throw new CompileException("--input-stream " + input.name().toLowerCase(Locale.ROOT) + " needs NHWC image inputs; input "
                        + x.name() + " has shape " + x.type().shapeString());
            }
            if (g.outputs().contains(x)) throw new CompileException("--input-stream: input " + x.name() + " is also a model output");
            List<Value> streamed = new ArrayList<>(List.of(x));
            quantizeBeforeWindows(g, x, streamed);
            for (Node u : new ArrayList<>(x.users())) {
                if (isFloatToIntQuantize(u) && !u.output().isStreamed() && !g.outputs().contains(u.output())) {
                    streamed.add(u.output()); // a whole-map conversion becomes virtual too: its readers get windows
                }
            }
            for (Value v : streamed) {
                v.setStreamed(true);
                for (Node u : new ArrayList<>(v.users())) {
                    if (isRowWindow(u) || (u.output().isStreamed() || streamed.contains(u.output()))) continue;
                    windowWhole(g, v, u);
                }
            }
        }
    }

    /**
     * {@code QUANTIZE(STRIDED_SLICE(x))} becomes {@code STRIDED_SLICE(QUANTIZE(x))} with one (virtual) whole-image
     * QUANTIZE per input, placed first.
     */
    private static void quantizeBeforeWindows(Graph g, Value x, List<Value> streamed) {
        Node virtual = null;
        for (Node slice : new ArrayList<>(x.users())) {
            if (slice.kind() != OpKind.STRIDED_SLICE || slice.output().users().size() != 1 || g.outputs().contains(slice.output())) continue;
            Node q = slice.output().users().get(0);
            if (!isFloatToIntQuantize(q) || g.outputs().contains(q.output())) continue;
            if (virtual == null) {
                Value xq = g.newValue(g.uniqueName(x.name() + "_quantized"), x.type().withElementType(q.output().type().elementType())
                        .withQuant(q.output().type().quant()));
                virtual = g.insertNode(0, xq.name(), OpKind.QUANTIZE, q.attrs(), List.of(x), List.of(xq));
                streamed.add(xq);
            } else if (!virtual.output().type().equals(x.type().withElementType(q.output().type().elementType())
                    .withQuant(q.output().type().quant()))) {
                continue; // a second, differently quantized reader keeps its float window
            }
            Value window = g.newValue(g.uniqueName(q.output().name() + "_read"), q.output().type());
            g.insertNode(g.nodes().indexOf(slice), window.name(), OpKind.STRIDED_SLICE, slice.attrs(),
                    List.of(virtual.output()), List.of(window));
            g.replaceAllUses(q.output(), window);
            g.removeNode(q);
            g.removeNode(slice);
        }
    }

    /** Reads all of {@code v} through one window for a consumer that needs the whole map. */
    private static void windowWhole(Graph g, Value v, Node user) {
        int[] s = v.type().shape();
        Value w = g.newValue(g.uniqueName(v.name() + "_read"), v.type());
        g.insertNode(g.nodes().indexOf(user), w.name(), OpKind.STRIDED_SLICE,
                new Attrs.StridedSlice(new int[4], new int[] {1, 1, 1, 1}, s), List.of(v), List.of(w));
        for (int k = 0; k < user.inputs().size(); k++) if (user.input(k) == v) g.setNodeInput(user, k, w);
    }

    /** A STRIDED_SLICE the row callback can serve: unit strides, batch 0, every channel. */
    static boolean isRowWindow(Node n) {
        if (n.kind() != OpKind.STRIDED_SLICE) return false;
        Attrs.StridedSlice a = n.attrs(Attrs.StridedSlice.class);
        int c = n.input(0).type().dim(3);
        for (int st : a.strides()) if (st != 1) return false;
        return a.begin().length == 4 && a.begin()[0] == 0 && a.sizes()[0] == 1 && a.begin()[3] == 0 && a.sizes()[3] == c;
    }

    private static boolean isFloatToIntQuantize(Node n) {
        return n.kind() == OpKind.QUANTIZE && n.input(0).type().elementType() == ElementType.FLOAT32
                && n.output().type().quant() != null && !n.output().type().quant().isPerChannel()
                && (n.output().type().elementType() == ElementType.INT8 || n.output().type().elementType() == ElementType.INT16);
    }
}
