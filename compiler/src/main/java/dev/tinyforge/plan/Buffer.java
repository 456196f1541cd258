package dev.tinyforge.plan;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.tinyforge.ir.Value;

/**
 * One region of activation memory live over a range of steps. A TENSOR buffer holds a value and every
 * alias that shares its bytes: a RESHAPE output is the same bytes as its input (member offset 0), an input
 * of a folded CONCATENATION is a slice of the concatenation's bytes (member offset = where its slice
 * starts). A SCRATCH buffer is kernel working memory, live only during the one step that uses it.
 * Live from the step that defines it ({@code -1} for graph inputs) through the last step that reads any
 * member ({@code steps} for graph outputs, which must survive the whole inference).
 */
public record Buffer(String label, Kind kind, Value root, List<Value> members, Map<Value, Long> memberOffsets,
                     long bytes, int firstStep, int lastStep) {

    public enum Kind { TENSOR, SCRATCH }

    public Buffer {
        members = List.copyOf(members);
        Map<Value, Long> m = new IdentityHashMap<>(memberOffsets);
        memberOffsets = java.util.Collections.unmodifiableMap(m);
    }

    /** A tensor buffer whose members all start at its first byte. */
    public static Buffer tensor(Value root, List<Value> members, long bytes, int firstStep, int lastStep) {
        return new Buffer(root.name(), Kind.TENSOR, root, members, Map.of(), bytes, firstStep, lastStep);
    }

    /** Kernel scratch memory for the node at {@code step}. */
    public static Buffer scratch(String label, long bytes, int step) {
        return new Buffer(label, Kind.SCRATCH, null, List.of(), Map.of(), bytes, step, step);
    }

    public boolean isScratch() { return kind == Kind.SCRATCH; }

    /** Where a member's bytes start inside this buffer. */
    public long memberOffset(Value v) {
        Long o = memberOffsets.get(v);
        return o == null ? 0 : o;
    }

    /**
     * True when reading {@code v} reads every byte of this buffer: it starts at the first byte and is as long.
     * The root of a folded concatenation is such a value (one contiguous tensor once every producer wrote its
     * slice), a slice is not.
     */
    public boolean heldWhole(Value v) {
        return members.contains(v) && memberOffset(v) == 0 && v.type().byteSize() == bytes;
    }

    public boolean overlapsInTime(Buffer o) {
        return firstStep <= o.lastStep && o.firstStep <= lastStep;
    }

    public boolean liveAt(int step) { return firstStep <= step && step <= lastStep; }

    @Override public boolean equals(Object o) { return this == o; }

    @Override public int hashCode() { return System.identityHashCode(this); }

    @Override public String toString() {
        return label + " (" + bytes + " B, steps " + firstStep + ".." + lastStep + ")";
    }
}
