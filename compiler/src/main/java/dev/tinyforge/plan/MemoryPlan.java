package dev.tinyforge.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;

/**
 * Where every activation lives: offsets in the one static arena (tensors, views, concatenation slices,
 * kernel scratch) and, when the model's I/O is held outside the arena, offsets in a separate I/O area.
 * Also which nodes run in place and which need no code. Built by {@link ArenaPlanner}; read by the
 * backend and the report, so both describe the same plan.
 */
public final class MemoryPlan {
    /** The memory areas a value can live in; the C backend names them tf_arena and tf_io. */
    public enum Area { ARENA, IO }

    private final MemoryProblem problem;
    private final Map<Buffer, Long> offsetOfBuffer = new IdentityHashMap<>();
    private final Map<Value, Buffer> bufferOfValue = new IdentityHashMap<>();
    private final Map<Node, InPlace> inPlaceOf = new IdentityHashMap<>();
    private final long arenaBytes, ioAreaBytes, ioBytes, layerWiseBound, inPlaceBound, planningMillis;
    private final String strategy;
    private final boolean optimal;
    private final Map<String, Long> tried;
    private final int steps;

    public MemoryPlan(Graph g, MemoryProblem problem, Map<Buffer, Long> offsets, String strategy, boolean optimal,
                      Map<String, Long> tried, long layerWiseBound, long planningMillis) {
        this.problem = problem;
        this.strategy = strategy;
        this.optimal = optimal;
        this.tried = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tried));
        this.layerWiseBound = layerWiseBound;
        this.planningMillis = planningMillis;
        this.steps = problem.steps();
        long end = 0;
        for (Buffer b : problem.arenaBuffers()) {
            long off = offsets.get(b);
            offsetOfBuffer.put(b, off);
            for (Value v : b.members()) bufferOfValue.put(v, b);
            end = Math.max(end, off + b.bytes());
        }
        this.arenaBytes = end;
        long io = 0;
        for (Buffer b : problem.ioBuffers()) {
            offsetOfBuffer.put(b, io);
            for (Value v : b.members()) bufferOfValue.put(v, b);
            io = ArenaPlanner.align(io + b.bytes());
        }
        long ioEnd = 0;
        for (Buffer b : problem.ioBuffers()) ioEnd = Math.max(ioEnd, offsetOfBuffer.get(b) + b.bytes());
        this.ioAreaBytes = ioEnd;
        java.util.Set<Value> io2 = Collections.newSetFromMap(new IdentityHashMap<>());
        io2.addAll(g.inputs());
        io2.addAll(g.outputs());
        long iob = 0;
        for (Value v : io2) if (!v.isConstant() && !v.isStreamed()) iob += v.type().byteSize();
        this.ioBytes = iob;
        for (InPlace p : problem.inPlace()) inPlaceOf.put(p.node(), p);
        this.inPlaceBound = LowerBounds.ofClusters(Cluster.build(problem.arenaBuffers(), problem.inPlace()));
    }

    public MemoryProblem problem() { return problem; }

    /** The buffers in the arena (tensors and scratch). */
    public List<Buffer> buffers() { return problem.arenaBuffers(); }

    /** The model I/O buffers held outside the arena (empty when I/O is in the arena). */
    public List<Buffer> ioBuffers() { return problem.ioBuffers(); }

    public long offset(Buffer b) { return offsetOfBuffer.get(b); }

    /** The buffer holding a non-constant value. */
    public Buffer buffer(Value v) {
        Buffer b = bufferOfValue.get(v);
        if (b == null) throw new IllegalArgumentException("value %" + v.name() + " has no place in memory");
        return b;
    }

    /** Offset of a non-constant value within its area. */
    public long offset(Value v) {
        Buffer b = buffer(v);
        return offsetOfBuffer.get(b) + b.memberOffset(v);
    }

    public Area area(Value v) { return problem.ioBuffers().contains(buffer(v)) ? Area.IO : Area.ARENA; }

    public boolean contains(Value v) { return bufferOfValue.containsKey(v); }

    /** Bytes of the arena: activations, views, scratch, and the model I/O when it is inside. */
    public long arenaBytes() { return arenaBytes; }

    /** Bytes of the separate I/O area (0 when I/O is in the arena). */
    public long ioAreaBytes() { return ioAreaBytes; }

    /** Bytes of the model's input and output tensors, wherever they are. */
    public long ioBytes() { return ioBytes; }

    public boolean ioInArena() { return problem.ioBuffers().isEmpty(); }

    /** Peak SRAM for activations: the arena plus the I/O held outside it (not the stack). */
    public long peakSramBytes() { return arenaBytes + ioAreaBytes; }

    /** The largest kernel scratch buffer (scratch buffers live one step each; they are inside the arena). */
    public long scratchBytes() {
        long m = 0;
        for (Buffer b : problem.arenaBuffers()) if (b.isScratch()) m = Math.max(m, b.bytes());
        return m;
    }

    /** The layer-wise lower bound: the most live bytes at any step with every tensor held in full. */
    public long lowerBound() { return layerWiseBound; }

    /** The bound for this plan's own pairing: in-place pairs counted once. Offsets can only add alignment gaps. */
    public long inPlaceLowerBound() { return inPlaceBound; }

    /** Bytes held in the arena at each step, index 0 = before the first layer; in-place pairs counted once. */
    public long[] liveBytesPerStep() {
        List<Cluster> clusters = Cluster.build(problem.arenaBuffers(), problem.inPlace());
        long[] live = new long[steps + 2];
        for (int t = -1; t <= steps; t++)
            for (Cluster c : clusters) live[t + 1] += c.bytesAt(t);
        return live;
    }

    public List<InPlace> inPlace() { return problem.inPlace(); }

    /** The in-place execution of a node, or null when it runs out of place. */
    public InPlace inPlace(Node n) { return inPlaceOf.get(n); }

    /** True when the node needs no code (its output is a view of its input, or its inputs were written in place). */
    public boolean isNoOp(Node n) { return problem.noOps().contains(n); }

    public String strategy() { return strategy; }

    /** True when no plan for this pairing can be smaller (it met the bound, or the exact search finished). */
    public boolean optimal() { return optimal; }

    /** The arena size each heuristic reached (name to bytes), for the report. */
    public Map<String, Long> tried() { return tried; }

    public long planningMillis() { return planningMillis; }

    public int steps() { return steps; }

    /** Buffers live at a step, for pictures and reports. */
    public List<Buffer> liveAt(int step) {
        List<Buffer> r = new ArrayList<>();
        for (Buffer b : problem.arenaBuffers()) if (b.liveAt(step)) r.add(b);
        return r;
    }
}
