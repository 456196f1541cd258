package dev.tinyforge.ir.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/**
 * Prints a {@link Graph} as textual IR that {@link IrParser} reads back into an equal graph:
 *
 * <pre>
 * graph &#64;name(%input: tensor&lt;1x96x96x1xi8, q(0.003921569, -128)&gt;) -&gt; (%out) {
 *   %w = const tensor&lt;8x3x3x1xi8, q(axis=0, [0.01, ...], [0, ...])&gt; dense&lt;"0a0b..."&gt;
 *   %state = var tensor&lt;1x640xi16, q(0.0004, 0)&gt;
 *   %c = conv_2d "conv" (%input, %w, none) {pads = [0, 0, 1, 1], ...} : tensor&lt;1x48x48x8xi8, q(0.02, -128)&gt;
 *   %a, %b = split "s" (%c) {axis = 3, sizes = [4, 4]} : tensor&lt;...&gt;, tensor&lt;...&gt;
 * }
 * </pre>
 *
 * Constants come first (in first-use order), then variables (persistent state, in first-use order), then
 * nodes in execution order. Floats print with
 * {@link Float#toString} so they parse back to the same bits.
 */
public final class IrPrinter {

    /**
     * @param elideConstantsAbove constants with more bytes than this print as {@code dense<elided, N bytes>}
     *                            (for people reading the IR; such text does not parse back by default)
     */
    public record Options(long elideConstantsAbove) {
        /** Every byte of every constant: text that rebuilds the graph exactly. */
        public static final Options FULL = new Options(Long.MAX_VALUE);

        /** For display: constants above 64 bytes elided. */
        public static final Options HUMAN = new Options(64);

        public Options withElideConstantsAbove(long bytes) { return new Options(bytes); }
    }

    private final Options options;
    private final StringBuilder out = new StringBuilder();

    private IrPrinter(Options options) { this.options = options; }

    public static String print(Graph g) { return print(g, Options.FULL); }

    public static String print(Graph g, Options options) {
        IrPrinter p = new IrPrinter(options);
        p.graph(g);
        return p.out.toString();
    }

    private void graph(Graph g) {
        out.append("graph ").append(IrNames.graphRef(g.name())).append('(');
        List<String> ins = new ArrayList<>();
        for (Value v : g.inputs()) ins.add(IrNames.valueRef(v.name()) + ": " + type(v.type()));
        out.append(String.join(", ", ins)).append(") -> (");
        out.append(String.join(", ", g.outputs().stream().map(v -> IrNames.valueRef(v.name())).toList()));
        out.append(") {\n");
        for (Value c : g.constants()) constant(c);
        for (Value v : g.variables())
            out.append("  ").append(IrNames.valueRef(v.name())).append(" = var ").append(type(v.type())).append('\n');
        for (Node n : g.nodes()) node(n);
        out.append("}\n");
    }

    private void constant(Value c) {
        out.append("  ").append(IrNames.valueRef(c.name())).append(" = const ").append(type(c.type())).append(" dense<");
        long bytes = c.type().byteSize();
        if (bytes > options.elideConstantsAbove()) {
            out.append("elided, ").append(bytes).append(" bytes");
        } else {
            out.append('"');
            Hex.append(out, c.constant().toBytes());
            out.append('"');
        }
        out.append(">\n");
    }

    private void node(Node n) {
        out.append("  ");
        if (!n.outputs().isEmpty()) {
            out.append(String.join(", ", n.outputs().stream().map(v -> IrNames.valueRef(v.name())).toList()));
            out.append(" = ");
        }
        out.append(n.kind().irName()).append(' ').append(IrNames.quote(n.name())).append(" (");
        List<String> operands = new ArrayList<>();
        for (Value v : n.inputs()) operands.add(v == null ? "none" : IrNames.valueRef(v.name()));
        out.append(String.join(", ", operands)).append(')');
        attrs(n.attrs());
        if (!n.outputs().isEmpty())
            out.append(" : ").append(String.join(", ", n.outputs().stream().map(v -> type(v.type())).toList()));
        out.append('\n');
    }

    private void attrs(Attrs a) {
        Map<String, String> fields = AttrsReflection.print(a);
        if (fields.isEmpty()) return;
        List<String> parts = new ArrayList<>();
        fields.forEach((k, v) -> parts.add(k + " = " + v));
        out.append(" {").append(String.join(", ", parts)).append('}');
    }

    /** {@code tensor<1x96x96x1xi8, q(0.0078125, -128)>}; also used by error messages. */
    public static String type(TensorType t) {
        StringBuilder b = new StringBuilder("tensor<");
        for (int d : t.shape()) b.append(d).append('x');
        b.append(t.elementType().shortName());
        if (t.quant() != null) b.append(", ").append(quant(t.quant()));
        return b.append('>').toString();
    }

    /**
     * Per-tensor {@code q(scale, zp)}; per-channel {@code q(axis=A, [scales], [zps])}. A single-scale
     * quantization with a non-zero axis keeps the per-channel spelling so that it round-trips.
     */
    static String quant(Quant q) {
        float[] scales = q.scales();
        int[] zps = q.zeroPoints();
        if (scales.length == 1 && q.axis() == 0) return "q(" + Float.toString(scales[0]) + ", " + zps[0] + ")";
        StringBuilder b = new StringBuilder("q(axis=").append(q.axis()).append(", [");
        for (int i = 0; i < scales.length; i++) b.append(i == 0 ? "" : ", ").append(Float.toString(scales[i]));
        b.append("], [");
        for (int i = 0; i < zps.length; i++) b.append(i == 0 ? "" : ", ").append(zps[i]);
        return b.append("])").toString();
    }
}
