package dev.tinyforge.plan;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.tinyforge.ir.Value;

/** Where every activation lives in the one static arena. Built by an {@link ArenaPlanner}; read by the backend and the report. */
public final class MemoryPlan {
    private final List<Buffer> buffers;
    private final Map<Value, Long> offsetOfValue = new IdentityHashMap<>();
    private final Map<Buffer, Long> offsetOfBuffer;
    private final long arenaBytes;
    private final String strategy;

    public MemoryPlan(List<Buffer> buffers, Map<Buffer, Long> offsets, String strategy) {
        this.buffers = List.copyOf(buffers);
        this.offsetOfBuffer = offsets;
        this.strategy = strategy;
        long end = 0;
        for (Buffer b : buffers) {
            long off = offsets.get(b);
            for (Value v : b.members()) offsetOfValue.put(v, off);
            end = Math.max(end, off + b.bytes());
        }
        this.arenaBytes = end;
    }

    public List<Buffer> buffers() { return buffers; }

    public long offset(Buffer b) { return offsetOfBuffer.get(b); }

    /** Arena offset of a non-constant value. */
    public long offset(Value v) {
        Long o = offsetOfValue.get(v);
        if (o == null) throw new IllegalArgumentException("value %" + v.name() + " has no place in the arena");
        return o;
    }

    public boolean contains(Value v) { return offsetOfValue.containsKey(v); }

    public long arenaBytes() { return arenaBytes; }

    public String strategy() { return strategy; }

    /** The largest sum of live buffer sizes over all steps: no plan without in-place reuse can go below it. */
    public long lowerBound() {
        int first = buffers.stream().mapToInt(Buffer::firstStep).min().orElse(0);
        int last = buffers.stream().mapToInt(Buffer::lastStep).max().orElse(0);
        long best = 0;
        for (int s = first; s <= last; s++) {
            long live = 0;
            for (Buffer b : buffers) if (b.liveAt(s)) live += b.bytes();
            best = Math.max(best, live);
        }
        return best;
    }
}
