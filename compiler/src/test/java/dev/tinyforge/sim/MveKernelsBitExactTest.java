package dev.tinyforge.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.tinyforge.CompileOptions;
import dev.tinyforge.Compiler;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.Isa;
import dev.tinyforge.board.Boards;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Value;
import dev.tinyforge.testing.HostBuilds;

/**
 * The Helium (MVE) kernel variants give the portable kernels' bytes: random layer chains
 * ({@link MveLayerGraphs}) compiled with {@link Isa#MVE} run as firmware under QEMU on the Cortex-M55
 * stand-in (qemu-mps3-an547; odd seeds: in place off, every layer's output compared; even seeds: in
 * place on, the last two outputs compared), and their outputs equal the host build's with portable C;
 * every third graph built for the host with {@link Isa#MVE} (the *_mve kernels' portable twins, folded
 * biases included) equals it too. Each MVE kernel must have run at least
 * once. The shared models against TFLM's goldens on the M55 are in {@link GoldenFirmwareAllModelsTest}.
 */
class MveKernelsBitExactTest {
    private static final String[] MVE_KERNELS = {"tf_conv_s8_1x1_narrow_mve_body", "tf_conv_s8_mve_body", "tf_conv_s8_mve", "tf_conv_s8_1x1_mve",
            "tf_depthwise_conv_s8_planar_mve", "tf_fully_connected_s8_mve", "tf_add_s8_mve"};
    private static final String BOARD = "qemu-mps3-an547";
    /** The Helium 1x1 bodies, each to be run in place (its in_place argument 1, before the kind of shifts) and not. */
    private static final String[] POINTWISE_BODIES = {"tf_conv_s8_1x1_mve_body", "tf_conv_s8_1x1_narrow_mve_body",
            "tf_conv_s8_1x1_wide_mve_body", "tf_conv_s8_1x1_quad_mve_body"};

    @Test
    void randomLayersOnM55MatchPortableHostBuild() {
        FirmwareTools.requireQemu();
        assertEquals(Isa.MVE, Boards.get(BOARD).isa(), BOARD);
        Map<String, Integer> calls = new TreeMap<>();
        for (long seed = 6000; seed < 6006; seed++) {
            boolean inPlace = seed % 2 == 0;
            CompileOptions memory = inPlace ? CompileOptions.DEFAULT : CompileOptions.NO_MEMORY_OPTIMIZATIONS;
            final long s = seed;
            String code = matchesPortable(() -> MveLayerGraphs.generate(s, !inPlace), "mve", seed, memory, seed % 3 == 0,
                    "the MVE kernels");
            for (String k : MVE_KERNELS) if (code.contains(k + "(")) calls.merge(k, 1, Integer::sum);
            // a planar depthwise run with the filter's window that reaches the image (MveKernels.reachableTaps)
            if (code.contains("_filter_window[")) calls.merge("depthwise filter window", 1, Integer::sum);
        }
        System.out.println("MVE kernels vs portable C, random layers: graphs calling each kernel " + calls);
        for (String k : MVE_KERNELS) assertTrue(calls.getOrDefault(k, 0) > 0, "no random graph called " + k);
        assertTrue(calls.getOrDefault("depthwise filter window", 0) > 0, "no random graph ran a depthwise filter window");
    }

    /**
     * Chains of 1x1 convolutions ({@link MveLayerGraphs#pointwise}) on the M55 give the portable host build's bytes;
     * each 1x1 body (2 x 4 blocks, narrow, quad, wide) must have run both in place and out of place, and with a
     * fused RELU/RELU6 (no rounding fix-up) and without.
     */
    @Test
    void pointwiseChainsOnM55MatchPortableHostBuild() {
        FirmwareTools.requireQemu();
        Map<String, Integer> calls = new TreeMap<>();
        // seeds 7004 and 7005 on a 3x3 image, where the wide body runs, 7006 and 7007 on one pixel (2 x 4 blocks)
        for (long seed = 7000; seed < 7008; seed++) {
            boolean inPlace = seed % 2 == 0;
            CompileOptions memory = inPlace ? CompileOptions.DEFAULT : CompileOptions.NO_MEMORY_OPTIMIZATIONS;
            final long s = seed;
            final int side = seed >= 7006 ? 1 : seed >= 7004 ? 3 : 0;
            String code = matchesPortable(() -> MveLayerGraphs.pointwise(s, !inPlace, side), "mve-pw", seed, memory,
                    seed % 2 == 1, "the 1x1 bodies");
            for (String body : POINTWISE_BODIES) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(body + "\\([^;]*, ([01]), (TF_PW_SHIFT_[A-Z_| ]*)\\);")
                        .matcher(code);
                while (m.find()) {
                    calls.merge(body + (m.group(1).equals("1") ? " in place" : " out of place"), 1, Integer::sum);
                    calls.merge(body + (m.group(2).contains("TF_PW_RELU") ? " relu" : " no relu"), 1, Integer::sum);
                    for (String flag : m.group(2).split(" \\| ")) calls.merge(body + " " + flag.trim(), 1, Integer::sum);
                    if (!m.group(2).contains("TF_PW_CLAMP")) calls.merge(body + " clamped both ways", 1, Integer::sum);
                }
            }
        }
        System.out.println("MVE 1x1 bodies vs portable C: layers " + calls);
        // the quad body's assembly has a variant per kind of shifts (all negative; any: left shifts, the fix-up's mask)
        // and of clamp; the narrow body's has one with paired weights
        for (String kind : new String[] {"TF_PW_SHIFT_NEGATIVE", "TF_PW_SHIFT_ANY", "TF_PW_CLAMP_NONE", "TF_PW_CLAMP_LOW",
                "clamped both ways"}) {
            assertTrue(calls.getOrDefault("tf_conv_s8_1x1_quad_mve_body " + kind, 0) > 0, "no 1x1 chain ran the quad body with " + kind);
        }
        for (String kind : new String[] {"TF_PW_PAIRED", "TF_PW_CLAMP_LOW", "clamped both ways"}) {
            assertTrue(calls.getOrDefault("tf_conv_s8_1x1_narrow_mve_body " + kind, 0) > 0, "no 1x1 chain ran the narrow body with " + kind);
        }
        for (String body : POINTWISE_BODIES) {
            for (String how : new String[] {" in place", " out of place", " relu", " no relu"}) {
                // the 2 x 4 blocks now run only on fewer than 4 pixels, which the chains' planner keeps out of place
                if (body.equals("tf_conv_s8_1x1_mve_body") && how.equals(" in place")) continue;
                assertTrue(calls.getOrDefault(body + how, 0) > 0, "no 1x1 chain ran " + body + how);
            }
        }
    }

    /**
     * First layers ({@link MveLayerGraphs#firstLayers}: 1, 3 or 4 input channels, strides, paddings) on the M55 give the
     * portable host build's bytes; the gathered-taps body must have run, with and without padding (pad arguments after
     * the strides), with and without a fused RELU, and with the full int8 range and a narrower activation.
     */
    @Test
    void firstLayersOnM55MatchPortableHostBuild() {
        FirmwareTools.requireQemu();
        Map<String, Integer> calls = new TreeMap<>();
        java.util.regex.Pattern call = java.util.regex.Pattern.compile(
                "tf_conv_s8_mve_gather_body\\((&\\w+), (?:[^,]+, ){8}(?:\\d+, ){7}(\\d+), (\\d+), (?:\\d+, ){4}(TF_PW_SHIFT_[A-Z_| ]*)\\);");
        for (String code : matchingSeeds(8000, MveLayerGraphs::firstLayers, "mve-first", s -> CompileOptions.NO_MEMORY_OPTIMIZATIONS,
                "the first-layer bodies")) {
            java.util.regex.Matcher m = call.matcher(code);
            while (m.find()) {
                calls.merge("gather body", 1, Integer::sum);
                calls.merge(m.group(2).equals("0") && m.group(3).equals("0") ? "no padding" : "padding", 1, Integer::sum);
                calls.merge(m.group(4).contains("TF_PW_RELU") ? "relu" : "no relu", 1, Integer::sum);
                java.util.regex.Matcher p = java.util.regex.Pattern.compile("tf_conv_params " + m.group(1).substring(1)
                        + " = \\{.*\\{(-?\\d+), (-?\\d+)\\}\\};").matcher(code);
                if (p.find()) calls.merge(p.group(1).equals("-128") && p.group(2).equals("127") ? "full range" : "narrower range", 1,
                        Integer::sum);
            }
            if (code.contains("tf_conv_s8_mve_body(")) calls.merge("column body", 1, Integer::sum);
        }
        System.out.println("MVE first layers vs portable C: layers " + calls);
        for (String k : new String[] {"gather body", "padding", "no padding", "relu", "no relu", "full range", "narrower range"}) {
            assertTrue(calls.getOrDefault(k, 0) > 0, "no first-layer graph ran the gather body with " + k);
        }
    }

    /**
     * Residual ADDs ({@link MveLayerGraphs#adds}) on the M55 give the portable host build's bytes; the ADD body must have
     * run with input 1 and with input 2 as the larger-scale input, with the full int8 range and a narrower activation,
     * and on a size with a tail (not a multiple of 16).
     */
    @Test
    void residualAddsOnM55MatchPortableHostBuild() {
        FirmwareTools.requireQemu();
        Map<String, Integer> calls = new TreeMap<>();
        java.util.regex.Pattern call = java.util.regex.Pattern.compile(
                "tf_add_s8_mve_body\\([^,]+, [^,]+, in1, in2, out, ([01]), (\\d+), (?:-?\\d+, ){4}(-?\\d+), (-?\\d+)\\);");
        for (String code : matchingSeeds(9000, MveLayerGraphs::adds, "mve-add",
                s -> s % 2 == 0 ? CompileOptions.DEFAULT : CompileOptions.NO_MEMORY_OPTIMIZATIONS, "the ADD bodies")) {
            java.util.regex.Matcher m = call.matcher(code);
            while (m.find()) {
                calls.merge(m.group(1).equals("1") ? "input 1 larger" : "input 2 larger", 1, Integer::sum);
                calls.merge(Integer.parseInt(m.group(2)) % 16 == 0 ? "whole steps" : "tail", 1, Integer::sum);
                calls.merge(m.group(3).equals("-128") && m.group(4).equals("127") ? "full range" : "narrower range", 1, Integer::sum);
            }
        }
        System.out.println("MVE ADD bodies vs portable C: layers " + calls);
        for (String k : new String[] {"input 1 larger", "input 2 larger", "whole steps", "tail", "full range", "narrower range"}) {
            assertTrue(calls.getOrDefault(k, 0) > 0, "no ADD graph ran the ADD body with " + k);
        }
    }

    /**
     * Model heads ({@link MveLayerGraphs#headMeans}: NHWC to NCHW, MEANs over the innermost axes, and two layers the
     * Helium kernels hand to the portable code) on the M55 give the portable host build's bytes; both Helium kernels
     * must have been called, with the 16-lane and the 8-lane transpose rows (pixels up to 17 and beyond).
     */
    @Test
    void headMeansOnM55MatchPortableHostBuild() {
        FirmwareTools.requireQemu();
        Map<String, Integer> calls = new TreeMap<>();
        long seed = 9100;
        for (String code : matchingSeeds(seed, MveLayerGraphs::headMeans, "mve-head", s -> CompileOptions.NO_MEMORY_OPTIMIZATIONS,
                "the MEAN and TRANSPOSE kernels")) {
            int[] shape = MveLayerGraphs.headMeans(seed++).inputs().get(0).type().shape();
            for (String k : new String[] {"tf_mean_s8_mve", "tf_transpose_nd_mve"}) {
                if (code.contains(k + "(")) calls.merge(k, 1, Integer::sum);
            }
            calls.merge(shape[1] * shape[2] <= 17 ? "16-lane rows" : "8-lane rows", 1, Integer::sum);
        }
        System.out.println("MVE MEAN / TRANSPOSE vs portable C: graphs " + calls);
        for (String k : new String[] {"tf_mean_s8_mve", "tf_transpose_nd_mve", "16-lane rows", "8-lane rows"}) {
            assertTrue(calls.getOrDefault(k, 0) > 0, "no head graph ran " + k);
        }
    }

    /**
     * Six seeds from {@code from}: each graph matches the portable host build on the M55 ({@link #matchesPortable}, every
     * third also the *_mve kernels' portable C); returns their generated C in seed order.
     */
    private static java.util.List<String> matchingSeeds(long from, java.util.function.LongFunction<Graph> graph, String name,
                                                        java.util.function.LongFunction<CompileOptions> memory, String what) {
        java.util.List<String> codes = new java.util.ArrayList<>();
        for (long seed = from; seed < from + 6; seed++) {
            final long s = seed;
            codes.add(matchesPortable(() -> graph.apply(s), name, seed, memory.apply(seed), seed % 3 == 0, what));
        }
        return codes;
    }

    /**
     * The graph built for the host with the portable kernels, and (when {@code hostMve}) with the *_mve kernels' portable
     * C, and run as M55 firmware under QEMU: every build gives the same bytes. Returns the firmware's generated C.
     */
    private static String matchesPortable(java.util.function.Supplier<Graph> graph, String name, long seed,
                                          CompileOptions memory, boolean hostMve, String what) {
        byte[] input = randomInput(graph.get(), seed);
        byte[] expected = HostBuilds.build(graph.get(), name + "-portable-" + seed, memory).run(input);
        if (hostMve) {
            byte[] host = HostBuilds.build(graph.get(), name + "-host-" + seed, memory.withIsa(Isa.MVE)).run(input);
            assertArrayEquals(expected, host, "seed " + seed + ": " + what + "' portable C differs from the portable kernels");
        }
        CompiledModel cm = Compiler.compile(graph.get(), memory.withIsa(Isa.MVE));
        EmulatedRun.Result r = EmulatedRun.run(cm, Boards.get(BOARD), input, false, 120);
        assertArrayEquals(expected, r.outputs(), "seed " + seed + " on " + BOARD + ": " + what + " differ from portable C");
        return String.join("\n", cm.code().files().values());
    }

    private static byte[] randomInput(Graph g, long seed) {
        Random r = new Random(seed * 31 + 7);
        int total = 0;
        for (Value v : g.inputs()) total += (int) v.type().byteSize();
        byte[] in = new byte[total];
        r.nextBytes(in);
        return in;
    }
}
