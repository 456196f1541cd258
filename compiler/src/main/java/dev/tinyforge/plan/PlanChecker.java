package dev.tinyforge.plan;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Value;

/**
 * Verifies a plan independently of how it was made: buffers are aligned and inside their area; no two
 * buffers live at the same time share a byte unless they are an in-place pair that is legal (the node's
 * kernel can do it, the input dies and the output is born at that very step, both start at the same
 * byte, its scratch is there; or, for an overlapped pair, a replay of the kernel's pixel order shows
 * nothing still needed is overwritten); views and concatenation slices sit exactly where their op says.
 */
public final class PlanChecker {
    private PlanChecker() {}

    /** Also checks that every activation the graph reads or writes has a place. Null when valid. */
    public static String check(Graph g, MemoryPlan plan) {
        for (Value v : g.inputs()) if (!v.isStreamed() && !plan.contains(v)) return "input %" + v.name() + " has no place";
        for (Node n : g.nodes()) {
            for (Value v : n.inputs())
                if (v != null && !v.isConstant() && !v.isVariable() && !v.isStreamed() && !plan.contains(v))
                    return "%" + v.name() + " read by " + n + " has no place";
            for (Value v : n.outputs()) if (!v.isStreamed() && !plan.contains(v)) return "%" + v.name() + " written by " + n + " has no place";
        }
        return check(plan);
    }

    /** Returns null when the plan is valid, otherwise a description of the first problem. */
    public static String check(MemoryPlan plan) {
        String e = checkArea(plan, plan.buffers(), plan.arenaBytes(), true);
        if (e == null) e = checkArea(plan, plan.ioBuffers(), plan.ioAreaBytes(), false);
        if (e == null) e = checkNoOps(plan);
        return e;
    }

    private static String checkArea(MemoryPlan plan, List<Buffer> bs, long areaBytes, boolean arena) {
        Map<Buffer, Map<Buffer, InPlace>> pairs = new IdentityHashMap<>();
        for (InPlace p : plan.inPlace()) pairs.computeIfAbsent(p.input(), k -> new IdentityHashMap<>()).put(p.output(), p);
        for (Buffer b : bs) {
            long off = plan.offset(b);
            if (off % ArenaPlanner.ALIGNMENT != 0) return b.label() + " is misaligned (offset " + off + ")";
            if (off < 0 || off + b.bytes() > areaBytes) return b.label() + " lies outside its area";
            for (Value m : b.members()) {
                long mo = b.memberOffset(m);
                if (mo < 0 || mo + m.type().byteSize() > b.bytes()) return "%" + m.name() + " sticks out of " + b.label();
                if (mo % Math.max(1, m.type().elementType().byteSize()) != 0) return "%" + m.name() + " is misaligned in " + b.label();
            }
        }
        for (int i = 0; i < bs.size(); i++)
            for (int j = i + 1; j < bs.size(); j++) {
                Buffer a = bs.get(i), b = bs.get(j);
                if (!a.overlapsInTime(b) || a.bytes() == 0 || b.bytes() == 0) continue;
                long a0 = plan.offset(a), a1 = a0 + a.bytes(), b0 = plan.offset(b), b1 = b0 + b.bytes();
                if (!(a0 < b1 && b0 < a1)) continue;
                InPlace p = pair(pairs, a, b);
                String why = p == null ? "they are no in-place pair" : illegal(plan, p);
                if (why != null)
                    return a.label() + " [" + a0 + "," + a1 + ") and " + b.label() + " [" + b0 + "," + b1
                            + ") are live together (steps " + a.firstStep() + ".." + a.lastStep() + " and " + b.firstStep()
                            + ".." + b.lastStep() + ") and overlap: " + why;
            }
        if (!arena)
            for (InPlace p : plan.inPlace())
                if (bs.contains(p.input()) || bs.contains(p.output())) return p.node() + " runs in place on I/O held outside the arena";
        return null;
    }

    private static InPlace pair(Map<Buffer, Map<Buffer, InPlace>> pairs, Buffer a, Buffer b) {
        Map<Buffer, InPlace> m = pairs.get(a);
        if (m != null && m.containsKey(b)) return m.get(b);
        m = pairs.get(b);
        return m == null ? null : m.get(a);
    }

    /** Why an in-place pair is not allowed, or null when it is. */
    static String illegal(MemoryPlan plan, InPlace p) {
        Node n = p.node();
        if (p.input().lastStep() != p.step()) return "the input is still needed after step " + p.step();
        if (p.output().firstStep() != p.step()) return "the output is born before step " + p.step();
        if (p.isOverlap()) {
            String why = illegalOverlap(plan, p);
            if (why != null) return why;
        } else if (plan.offset(p.input()) != plan.offset(p.output())) {
            return "in-place input and output start at different bytes";
        }
        if (p.output().root() != n.output() || !p.output().memberOffsets().isEmpty()) return "the output buffer is not the node's own";
        Value in = n.input(p.inputIndex());
        if (in == null || !p.input().heldWhole(in))
            return "the input buffer does not hold exactly the node's input (a slice cannot be overwritten in place)";
        InPlaceRules.Candidate c = p.isOverlap() ? null : InPlaceRules.candidate(n, p.inputIndex());
        if (!p.isOverlap() && (c == null || c.scheme() != p.scheme())) return n + " cannot run in place as " + p.scheme();
        if (c == null) c = new InPlaceRules.Candidate(0, p.scheme(), 0);
        if (c.scratchBytes() > 0 && (p.scratch() == null || p.scratch().bytes() < c.scratchBytes() || !p.scratch().liveAt(p.step())))
            return n + " needs " + c.scratchBytes() + " bytes of scratch at step " + p.step();
        for (int j = 0; j < n.inputs().size(); j++) {
            Value v = n.input(j);
            if (j != p.inputIndex() && v != null && !v.isConstant() && p.input().members().contains(v) && v != in)
                return n + " reads the overwritten buffer through another view";
        }
        return null;
    }

    /**
     * An overlapped pair: the node is a sliding-window op with a pixel-order kernel, and its own replay
     * ({@link OverlapReplay}) shows that, with the output where the plan put it, no output pixel lands on
     * an input pixel a window still to be read needs.
     */
    private static String illegalOverlap(MemoryPlan plan, InPlace p) {
        PixelWindows w = PixelWindows.of(p.node());
        if (w == null || p.inputIndex() != 0) return p.node() + " has no pixel-order kernel to overlap its output with its input";
        long shift = plan.offset(p.output()) - plan.offset(p.input());
        if (shift != p.shift()) return p.node() + " overlaps at " + shift + " bytes, not at its pair's " + p.shift();
        String why = OverlapReplay.violation(w, shift);
        return why == null ? null : p.node() + " cannot overlap at " + shift + " bytes: " + why;
    }

    private static String checkNoOps(MemoryPlan plan) {
        for (Node n : plan.problem().noOps()) {
            if (LifetimeAnalysis.isAlias(n)) {
                if (plan.offset(n.input(0)) != plan.offset(n.output()) || plan.area(n.input(0)) != plan.area(n.output()))
                    return n + " is a view but its output is not at its input's bytes";
            } else if (n.kind() == OpKind.CONCATENATION) {
                long off = plan.offset(n.output());
                int[] out = n.output().type().shape();
                int axis = n.attrs(dev.tinyforge.ir.Attrs.Concat.class).axis();
                for (int d = 0; d < axis; d++) if (out[d] != 1) return n + " is folded but its slices are not contiguous";
                for (Value in : n.inputs()) {
                    if (plan.offset(in) != off || plan.area(in) != plan.area(n.output()))
                        return n + " is folded but %" + in.name() + " is not at its slice";
                    off += in.type().byteSize();
                }
            } else {
                return n + " is marked as needing no code";
            }
        }
        return null;
    }
}
