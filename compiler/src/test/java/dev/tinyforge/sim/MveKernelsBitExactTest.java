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
