package dev.tinyforge.sim;

import java.util.ArrayList;
import java.util.List;

import dev.tinyforge.CompileException;

/**
 * Exact instruction counts of one inference, from the plugin's marks: the count between the start of
 * tf_perf_begin and the start of tf_perf_end, and per layer the count between consecutive marks
 * (layer i ends where tf_profile_mark(i) starts; the last layer ends at tf_perf_end). The per-layer
 * counts therefore add up to the inference count exactly. Each layer's count includes the few
 * instructions of its mark call (about 3) and the first layer's includes the entry into model_invoke.
 *
 * @param layers per-layer counts, empty when the firmware was built without TF_PROFILE
 */
public record InstructionProfile(long inference, long[] layers) {

    /**
     * @param marks      the plugin's marks ("begin", "layer", "end" roles); the first inference is used
     * @param layerCount the model's layers, or -1 when the firmware has no per-layer marks
     */
    public static InstructionProfile from(List<QemuRunner.Mark> marks, int layerCount) {
        long start = -1, stop = -1;
        List<Long> layerEnds = new ArrayList<>();
        for (QemuRunner.Mark m : marks) {
            if (m.role().equals("begin") && start < 0) start = m.count();
            else if (m.role().equals("end") && start >= 0 && stop < 0) stop = m.count();
            else if (m.role().equals("layer") && start >= 0 && stop < 0) layerEnds.add(m.count());
        }
        if (start < 0 || stop < 0) throw new CompileException("the instruction counter saw no complete inference (begin/end marks missing)");
        if (layerCount < 0) return new InstructionProfile(stop - start, new long[0]);
        if (layerEnds.size() != layerCount)
            throw new CompileException("the instruction counter saw " + layerEnds.size() + " layer marks for " + layerCount + " layers");
        long[] layers = new long[layerCount];
        long prev = start;
        for (int i = 0; i < layerCount; i++) {
            long e = i == layerCount - 1 ? stop : layerEnds.get(i);
            layers[i] = e - prev;
            prev = e;
        }
        return new InstructionProfile(stop - start, layers);
    }

    public boolean hasLayers() { return layers.length > 0; }
}
