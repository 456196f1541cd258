package dev.tinyforge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.tinyforge.CompileException;
import dev.tinyforge.CompileOptions;
import dev.tinyforge.Compiler;
import dev.tinyforge.Isa;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.passes.Pipeline;
import dev.tinyforge.plan.ArenaPlanner;
import dev.tinyforge.plan.MemoryPlan;
import dev.tinyforge.plan.MemorySchedule;
import dev.tinyforge.plan.PlanChecker;
import dev.tinyforge.plan.PlanOptions;

/**
 * Prints the memory table of `make bench-memory`: for every .tflite under a folder, the layer-wise lower
 * bound, our arena (and the scratch inside it) with every memory optimization on, the bound for our
 * in-place pairing, our arena for DSP targets (no overlapped multiplier-1 depthwise), our arena without
 * overlapped layers (in place at one offset only), our plain layer-wise arena, and the peers' figures measured on the same models (see
 * shared/docs/anchors.md: TinyEngine layer-wise with in-place depthwise incl. its scratch; TFLM's
 * activation arena). Planning time covers reordering and offset assignment. A table, not a test.
 */
public final class MemoryBenchmark {
    private MemoryBenchmark() {}

    /** Peer figures in bytes (anchors.md, measured on these machines); -1 where the peer was not run or fails. */
    private static final Map<String, long[]> PEERS = Map.of(
            "mcunet-vww", new long[] {89_600, 161_472},
            "mcunetv2-large", new long[] {1_404_928, 2_451_840},
            "person_detect", new long[] {-1, 55_296},
            "vww_96_int8", new long[] {-1, 73_728},
            "pretrainedResnet_quant", new long[] {-1, 49_152},
            "kws_ref_model", new long[] {-1, 16_000},
            "micro_speech_quantized", new long[] {-1, 5_968},
            "ad01_int8", new long[] {-1, 768});

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/models");
        List<Path> models;
        try (Stream<Path> s = Files.walk(dir)) {
            models = s.filter(p -> p.toString().endsWith(".tflite")).sorted().toList();
        }
        System.out.printf("%-24s %12s %12s %9s %12s %12s %12s %12s %12s %12s %8s %s%n", "model", "lower bound", "ours arena", "scratch",
                "in-place LB", "DSP targets", "no overlap", "ours no-inpl", "TinyEngine", "TFLM", "plan ms", "planner");
        for (Path m : models) {
            Graph g;
            try {
                g = Compiler.load(m);
                Pipeline.parse(Compiler.DEFAULT_PIPELINE).run(g);
            } catch (CompileException e) {
                System.out.printf("%-24s skipped: %s%n", name(m), e.getMessage());
                continue;
            }
            long t0 = System.nanoTime();
            MemorySchedule.Result r = MemorySchedule.optimize(g, 200_000);
            if (r.order() != null) g.reorder(r.order());
            MemoryPlan on = ArenaPlanner.plan(g, CompileOptions.DEFAULT.planOptions());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            String bad = PlanChecker.check(g, on);
            if (bad != null) throw new IllegalStateException(name(m) + ": invalid plan: " + bad);
            Graph plain = Compiler.load(m);
            Pipeline.parse(Compiler.DEFAULT_PIPELINE).run(plain);
            MemoryPlan off = ArenaPlanner.plan(plain, CompileOptions.NO_MEMORY_OPTIMIZATIONS.planOptions());
            PlanOptions d = CompileOptions.DEFAULT.planOptions();
            MemoryPlan noOverlap = ArenaPlanner.plan(g, new PlanOptions(d.inPlace(), d.ioInArena(), d.exactMillis(), false));
            MemoryPlan dsp = ArenaPlanner.plan(g, CompileOptions.DEFAULT.withIsa(Isa.DSP).planOptions());
            long[] peers = PEERS.getOrDefault(name(m), new long[] {-1, -1});
            System.out.printf("%-24s %,12d %,12d %,9d %,12d %,12d %,12d %,12d %12s %12s %8d %s%s%s%n", name(m), on.lowerBound(),
                    on.arenaBytes(), on.scratchBytes(), on.inPlaceLowerBound(), dsp.arenaBytes(), noOverlap.arenaBytes(), off.arenaBytes(),
                    peer(peers[0]), peer(peers[1]),
                    ms, on.strategy(),
                    on.optimal() ? ", optimal" : "", r.order() != null ? ", reordered" : "");
        }
        System.out.println("bytes; arena includes scratch and the model I/O (as TFLM's and TinyEngine's figures do). lower bound: most bytes "
                + "live at one layer with every tensor held in full; in-place LB: the same with in-place pairs counted once "
                + "(overlapped pairs: the bytes their union spans); DSP targets: the plan for M4/M7/M55, whose multiplier-1 depthwise "
                + "layers keep their channel-plane kernels (no overlap); no overlap: every optimization but overlapped layers.");
    }

    private static String peer(long v) { return v < 0 ? "-" : String.format("%,d", v); }

    private static String name(Path p) {
        String f = p.getFileName().toString();
        return f.substring(0, f.length() - ".tflite".length());
    }
}
