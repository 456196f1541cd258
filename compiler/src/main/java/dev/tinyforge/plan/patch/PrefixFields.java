package dev.tinyforge.plan.patch;

import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Receptive fields through a whole prefix of a graph (in execution order), branches included: walking the
 * nodes backwards, each node must produce the union of what its consumers need of its output, and that
 * region is pushed into its spatial inputs. The result says, for one patch, which region of every value in
 * the prefix must exist and, per node, the border padding it must still apply.
 */
public final class PrefixFields {

    private final Map<Value, Region> needed;
    private final Map<Node, InputWindow> windows;

    private PrefixFields(Map<Value, Region> needed, Map<Node, InputWindow> windows) {
        this.needed = needed;
        this.windows = windows;
    }

    /**
     * @param prefix nodes in execution order
     * @param wanted the regions wanted of some values (typically the split layer's output patch)
     */
    public static PrefixFields backward(List<Node> prefix, Map<Value, Region> wanted) {
        Map<Value, Region> needed = new IdentityHashMap<>(wanted);
        Map<Node, InputWindow> windows = new IdentityHashMap<>();
        for (int i = prefix.size() - 1; i >= 0; i--) {
            Node n = prefix.get(i);
            Region out = needed.get(n.output());
            if (out == null) continue; // nothing downstream reads it for this patch
            for (int k = 0; k < n.inputs().size(); k++) {
                InputWindow w = ReceptiveField.inputWindow(n, k, out);
                if (w == null) continue;
                if (k == 0) windows.put(n, w);
                needed.merge(n.input(k), w.region(), Region::union);
            }
        }
        return new PrefixFields(needed, windows);
    }

    /** The region of {@code v} this patch needs, or null when it needs none of it. */
    public Region region(Value v) { return needed.get(v); }

    /** What {@code n} reads of its first input and the border padding it applies, or null when not in the field. */
    public InputWindow window(Node n) { return windows.get(n); }
}
