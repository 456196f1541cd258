package dev.tinyforge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.tinyforge.CompileException;
import dev.tinyforge.CompileOptions;
import dev.tinyforge.Compiler;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.analysis.Macs;
import dev.tinyforge.board.Board;
import dev.tinyforge.board.Boards;
import dev.tinyforge.plan.patch.PatchRequest;
import dev.tinyforge.sim.BenchReport;
import dev.tinyforge.sim.EmulatedRun;

/**
 * Prints the speed table of `make bench-speed`: every int8 model of shared/golden, layer by layer, as firmware on the
 * Cortex-M4, M7 and M55 stand-ins under QEMU with TFLM's golden input 0, instructions counted exactly; whether the
 * output matches TFLM's bit for bit; the peers' figures measured on the same models and inputs
 * (shared/docs/anchors.md: TFLM + CMSIS-NN on the three cores, TinyEngine on the M7); then, per model and core, the
 * op types that execute the most instructions with their MACs per instruction, so the weakest kernels are visible.
 * A table, not a test.
 */
public final class SpeedBenchmark {
    private SpeedBenchmark() {}

    private static final String[] CORES = {"M4", "M7", "M55"};
    private static final String[] BOARDS = {"qemu-mps2-an386", "qemu-mps2-an500", "qemu-mps3-an547"};

    /** Millions of instructions per inference, anchors.md: TFLM + CMSIS-NN on M4, M7, M55. */
    private static final Map<String, double[]> CMSIS_NN = Map.of(
            "person_detect", new double[] {22.93, 22.72, 6.51},
            "mcunet-vww", new double[] {48.63, 47.80, 11.96},
            "vww_96_int8", new double[] {24.10, 24.03, 6.56},
            "pretrainedResnet_quant", new double[] {29.86, 30.03, 4.91},
            "kws_ref_model", new double[] {7.70, 7.64, 1.81},
            "ad01_int8", new double[] {0.583, 0.583, 0.150},
            "micro_speech_quantized", new double[] {1.50, 1.49, 1.01},
            "mcunetv2-large", new double[] {861.8, 834.7, 312.8});

    /** Millions of instructions per inference, anchors.md: TinyEngine layer-wise on the M7 (float requantization). */
    private static final Map<String, Double> TINY_ENGINE = Map.of("mcunet-vww", 34.53, "mcunetv2-large", 509.4);

    /** How many op types the second table names per model and core. */
    private static final int TOP_OP_TYPES = 4;

    public static void main(String[] args) throws IOException {
        Path shared = Path.of(args.length > 0 ? args[0] : "../shared");
        List<String> only = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        List<Path> goldens = goldenModels(shared, only);
        if (goldens.isEmpty()) {
            System.err.println("bench-speed: no int8 golden models under " + shared.resolve("golden") + " (set SHARED=path/to/shared)");
            System.exit(2);
        }
        List<String> rows = new ArrayList<>(), opRows = new ArrayList<>();
        boolean allExact = true;
        for (Path golden : goldens) {
            String name = golden.getFileName().toString();
            Path model = modelFile(shared, name);
            byte[] input = Files.readAllBytes(golden.resolve("input_0.bin")), expected = Files.readAllBytes(golden.resolve("output_0.bin"));
            StringBuilder row = new StringBuilder(), exact = new StringBuilder();
            long macs = 0;
            for (int c = 0; c < BOARDS.length; c++) {
                Board board = Boards.get(BOARDS[c]);
                try {
                    CompiledModel cm = Compiler.compile(model, CompileOptions.DEFAULT.withIsa(board.isa()).withPatch(PatchRequest.OFF));
                    EmulatedRun.Result r = EmulatedRun.run(cm, board, input, true, 1200);
                    macs = Macs.of(cm.graph());
                    long instr = r.profile().inference();
                    row.append(String.format(" %.2f M (%.2f) |", instr / 1e6, (double) macs / instr));
                    boolean same = Arrays.equals(r.outputs(), expected);
                    allExact &= same;
                    exact.append(same ? "" : " " + CORES[c] + " differs");
                    opRows.add(String.format("| %s | %s | %s |", name, CORES[c], topOpTypes(cm, r)));
                } catch (CompileException e) {
                    allExact = false;
                    row.append(" failed: ").append(e.getMessage().lines().findFirst().orElse("")).append(" |");
                }
                System.err.println("bench-speed: " + name + " on " + CORES[c] + " done");
            }
            double[] cmsis = CMSIS_NN.get(name);
            Double te = TINY_ENGINE.get(name);
            rows.add(String.format("| %s | %.2f M |%s %s | %s | %s |", name, macs / 1e6, row,
                    cmsis == null ? "-" : plain(cmsis[0]) + " / " + plain(cmsis[1]) + " / " + plain(cmsis[2]),
                    te == null ? "-" : String.format("%.2f M (%.3f)", te, macs / 1e6 / te),
                    exact.length() == 0 ? "yes" : exact.toString().trim()));
        }
        System.out.println("Instructions per inference (MACs per instruction), layer by layer, TFLM's golden input 0:");
        System.out.println("| model | MACs | ours M4 | ours M7 | ours M55 | TFLM + CMSIS-NN M4 / M7 / M55 (M) | TinyEngine M7 | bit-exact with TFLM |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        rows.forEach(System.out::println);
        System.out.println();
        System.out.println("Where the instructions go (op types with the most instructions: share, MACs per instruction):");
        System.out.println("| model | core | op types |");
        System.out.println("| --- | --- | --- |");
        opRows.forEach(System.out::println);
        if (!allExact) System.exit(1);
    }

    /** The golden folders of int8 models whose .tflite is under shared/models; {@code only} filters by name. */
    private static List<Path> goldenModels(Path shared, List<String> only) throws IOException {
        Path golden = shared.resolve("golden");
        if (!Files.isDirectory(golden)) return List.of();
        try (Stream<Path> dirs = Files.list(golden)) {
            return dirs.filter(d -> Files.exists(d.resolve("input_0.bin")) && Files.exists(d.resolve("output_0.bin")))
                    .filter(d -> only.isEmpty() || only.contains(d.getFileName().toString()))
                    .filter(d -> isInt8(shared, d.getFileName().toString()))
                    .sorted(Comparator.comparing(d -> d.getFileName().toString())).toList();
        }
    }

    /** Whether the model computes in int8 (a float model with int8 layers, like mcunet-vww's float input, counts). */
    private static boolean isInt8(Path shared, String name) {
        Path model = modelFile(shared, name);
        if (model == null) return false;
        try {
            return Compiler.load(model).nodes().stream().flatMap(n -> n.outputs().stream())
                    .anyMatch(v -> v.type().elementType() == dev.tinyforge.ir.ElementType.INT8);
        } catch (CompileException e) {
            return false;
        }
    }

    private static Path modelFile(Path shared, String name) {
        try (Stream<Path> s = Files.walk(shared.resolve("models"))) {
            return s.filter(p -> p.getFileName().toString().equals(name + ".tflite")).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** "CONV_2D 1x1 53% @ 0.87, DEPTHWISE_CONV_2D 3x3 24% @ 0.24, ...": the op types with the most instructions. */
    private static String topOpTypes(CompiledModel cm, EmulatedRun.Result r) {
        long total = Math.max(1, r.profile().inference());
        return String.join(", ", BenchReport.byOpType(cm, r).entrySet().stream().sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
                .limit(TOP_OP_TYPES)
                .map(e -> String.format("%s %.0f%%%s", e.getKey(), 100.0 * e.getValue()[1] / total,
                        e.getValue()[0] == 0 ? "" : String.format(" @ %.2f", (double) e.getValue()[0] / e.getValue()[1])))
                .toList());
    }
}
