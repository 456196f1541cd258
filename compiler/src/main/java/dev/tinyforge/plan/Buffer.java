package dev.tinyforge.plan;

import java.util.List;

import dev.tinyforge.ir.Value;

/**
 * One region of activation memory: a value and every alias that shares its bytes (a RESHAPE output
 * is the same bytes as its input). Live from the step that defines it ({@code -1} for graph inputs)
 * through the last step that reads any member ({@code steps} for graph outputs, which must survive
 * the whole inference).
 */
public record Buffer(Value root, List<Value> members, long bytes, int firstStep, int lastStep) {

    public boolean overlapsInTime(Buffer o) {
        return firstStep <= o.lastStep && o.firstStep <= lastStep;
    }

    public boolean liveAt(int step) { return firstStep <= step && step <= lastStep; }
}
