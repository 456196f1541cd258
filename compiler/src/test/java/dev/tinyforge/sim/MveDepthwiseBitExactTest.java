package dev.tinyforge.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.tinyforge.CompileOptions;
import dev.tinyforge.Compiler;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.Isa;
import dev.tinyforge.board.Boards;
import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.sim.DspDepthwiseGraphs.Case;
import dev.tinyforge.testing.HostBuilds;

/**
 * The Helium band depthwise kernel (tf_depthwise_conv_s8_band_mve: VMLADAV over 16 taps of a pixel) gives the
 * portable kernels' bytes: chains of two depthwise layers ({@link DspDepthwiseGraphs}) run as firmware under QEMU on
 * the Cortex-M55 stand-in (qemu-mps3-an547), against the host build with portable C. Cases cover one, two, three and
 * four 16-tap chunks (3x3, 5x5, a 5x7 window of a 7x7 filter over 3 rows, 7x7), one to three pixels per load (3x3
 * stride 1 and 2), SAME and VALID, channels 3 to 144 (left-over lanes), RELU6/RELU, left shifts (spread scales), and
 * in place (memory optimizations on every other case). Every case's first layer must use the band kernel, some
 * second layer must run it in place, and a small 3x3 layer must stay on the planar kernel. Every third case also
 * builds for the host with {@link Isa#MVE} (the band kernel's portable twin) and must give the same bytes.
 * The per-layer small-image bodies (channels a multiple of 8) likewise: 1, 3, 16, 17, 48, 240, 480 channels,
 * 3x3 / 5x5 / 7x7 filters over 1x1 to 10x10 images, stride 1 and 2, SAME and VALID, RELU / RELU6, left shifts, in
 * place; every such case's first layer must use the window body (VMLADAV over each output's window), some second
 * layer in place, 8200 channels the lanes body, and channels that are no multiple of 8 neither.
 */
class MveDepthwiseBitExactTest {
    private static final String BOARD = "qemu-mps3-an547";
    private static final List<Case> CASES = List.of(
            new Case(22, 22, 16, 3, 1, true, Activation.NONE, false),    // 3x3 stride 1: three pixels per load
            new Case(41, 44, 3, 3, 2, true, Activation.RELU6, false),    // 3x3 stride 2: two pixels per load, 3 channels
            new Case(24, 23, 17, 3, 1, false, Activation.RELU, false),   // VALID, 17 channels
            new Case(26, 30, 20, 3, 1, true, Activation.RELU6, true),    // some channels with left shifts
            new Case(9, 11, 48, 5, 1, true, Activation.NONE, false),     // 5x5: two chunks
            new Case(13, 16, 17, 5, 2, false, Activation.RELU6, false),  // 5x5 stride 2, VALID
            new Case(10, 10, 144, 7, 1, true, Activation.NONE, false),   // 7x7: four chunks, bands of 10 channels
            new Case(14, 17, 5, 7, 2, true, Activation.NONE, true),      // 7x7 stride 2
            new Case(8, 8, 48, 7, 1, true, Activation.RELU6, false),     // 7x7 over an 8x8 image
            new Case(3, 13, 24, 7, 1, true, Activation.NONE, false));    // 7x7 over 3 rows: a 5x7 window, three chunks

    /** Small images with channels a multiple of 8: the per-layer lanes body (depthwise_conv_s8_lanes_mve_body.h). */
    private static final List<Case> LANES = List.of(
            new Case(3, 3, 16, 3, 1, true, Activation.NONE, false),      // 3x3 image, 3x3 filter: most taps in the padding
            new Case(5, 5, 48, 3, 1, true, Activation.RELU6, false),     // 5x5 image
            new Case(6, 6, 128, 3, 1, true, Activation.RELU6, false),    // 6x6 image (person_detect's middle layers)
            new Case(7, 7, 64, 3, 1, true, Activation.NONE, true),       // 7x7 image (mcunetv2-large's last layers)
            new Case(5, 5, 240, 5, 2, true, Activation.NONE, false),     // 5x5 stride 2 (3x3 out), then 5x5 over 3x3
            new Case(3, 3, 480, 7, 1, true, Activation.RELU6, false),    // 7x7 over 3x3: 9 of 49 taps inside at most
            new Case(5, 5, 8, 7, 1, true, Activation.NONE, true),        // 7x7 over 5x5, left shifts (any kind of shift)
            new Case(4, 5, 24, 3, 2, false, Activation.RELU, false),     // VALID stride 2: a 1x2 output
            new Case(5, 4, 32, 3, 1, false, Activation.RELU6, true),     // VALID stride 1, left shifts
            new Case(1, 1, 8, 3, 1, true, Activation.NONE, false),       // one pixel: only the centre tap
            new Case(2, 8, 16, 5, 1, true, Activation.RELU6, false),     // 8 output columns (all unrolled)
            new Case(10, 10, 48, 7, 2, true, Activation.RELU6, false),   // 10x10 input to 5x5 (100 input pixels)
            new Case(9, 10, 24, 3, 2, false, Activation.NONE, true));    // VALID stride 2 from 9x10: 4x4 out

    /**
     * Small images with channels a multiple of 8: the per-layer window body (depthwise_conv_s8_window_mve_body.h,
     * VMLADAV over each output's window in a channel's padded plane): mcunet-vww's small layers and edges.
     */
    private static final List<Case> WINDOW = List.of(
            new Case(5, 5, 240, 3, 1, true, Activation.RELU6, false),    // one chunk, 25 outputs: 8 + 8 + 8 + 1
            new Case(3, 3, 480, 3, 1, true, Activation.NONE, false),     // 9 outputs: 8 + 1
            new Case(10, 10, 144, 7, 2, true, Activation.RELU6, false),  // 7x7 stride 2 from 10x10: six chunks
            new Case(5, 5, 240, 7, 1, true, Activation.NONE, true),      // 7x7 over 5x5, left shifts
            new Case(5, 5, 240, 5, 2, true, Activation.RELU6, false),    // 5x5 stride 2 to 3x3: three chunks
            new Case(3, 3, 288, 7, 1, true, Activation.RELU, false),     // 7x7 over 3x3
            new Case(5, 5, 8, 3, 1, true, Activation.NONE, true),        // one group, left shifts
            new Case(4, 5, 24, 3, 2, false, Activation.RELU, false),     // VALID stride 2: a 1x2 output
            new Case(10, 9, 16, 3, 2, false, Activation.NONE, true),     // VALID stride 2: the last image row unused
            new Case(1, 1, 16, 3, 1, true, Activation.RELU6, false),     // one pixel: only the centre tap
            new Case(2, 8, 16, 5, 1, true, Activation.NONE, false),      // 16 outputs: two whole blocks
            new Case(7, 7, 64, 3, 1, true, Activation.RELU6, true));     // 49 outputs: 6 blocks + 1

    /**
     * Layers for the per-layer band body (depthwise_conv_s8_band_mve_body.h): 3x3 / 5x5 / 7x7 (one, two, four 16-byte
     * chunks), stride 1 and 2, SAME and VALID, rows of 1 to 34 outputs (blocks of 8, a last block moved back, the last
     * 1 to 4 pixels of two rows together, rows under 8 predicated), odd and even sizes, 5 to 120 channels (16: the 16-lane gathers), RELU / RELU6 (clamps
     * inside int8) and none, left shifts (spread scales), in place on every other case.
     */
    private static final List<Case> BAND_BODY = List.of(
            new Case(20, 20, 48, 3, 1, true, Activation.NONE, false),    // mcunet-vww's 20x20x48 3x3: blocks 8, 8, 4
            new Case(34, 34, 16, 3, 1, true, Activation.RELU6, false),   // 16 channels: 16 columns per gather
            new Case(21, 19, 24, 3, 2, true, Activation.RELU6, true),    // stride 2, odd sizes, left shifts
            new Case(10, 10, 120, 5, 1, true, Activation.NONE, false),   // 5x5 over 10x10: two chunks, 8 + 4 moved back
            new Case(20, 20, 48, 7, 2, true, Activation.RELU, false),    // 7x7 stride 2: four chunks
            new Case(9, 11, 33, 3, 1, false, Activation.NONE, true),     // VALID, 9 columns (8 + a held pixel), left shifts
            new Case(7, 6, 5, 3, 1, true, Activation.RELU, false),       // 6 columns: blocks of 4 and 2
            new Case(11, 11, 10, 3, 1, true, Activation.RELU, false),    // 11 columns: 8 + 3 held for the next row
            new Case(5, 3, 12, 3, 2, false, Activation.NONE, false),     // one output column
            new Case(12, 12, 20, 5, 2, true, Activation.RELU6, true),    // 5x5 stride 2, left shifts
            new Case(14, 9, 7, 7, 1, false, Activation.NONE, false));    // 7x7 VALID stride 1: 3 columns

    /** Small images whose channels are no multiple of 8: not the lanes body (other MVE kernels), same bytes. */
    private static final List<Case> NOT_LANES = List.of(
            new Case(3, 3, 17, 3, 1, true, Activation.NONE, false),
            new Case(5, 5, 3, 5, 1, true, Activation.RELU6, false),
            new Case(3, 3, 1, 3, 1, true, Activation.NONE, false));

    @Test
    void bandDepthwiseMatchesPortableHostBuildOnM55() {
        FirmwareTools.requireQemu();
        int inPlace = 0;
        long seed = 9100;
        for (Case cs : CASES) {
            seed++;
            String model = runOnM55(cs, seed, CASES.indexOf(cs) % 2 == 0, seed % 3 == 0);
            String[] layers = firstAndRest(model);
            String first = layers[0], second = layers[1];
            assertTrue(first.contains("tf_depthwise_conv_s8_band_mve(") || first.contains("_dw_band_mve("),
                    cs + ": the first layer does not use the band kernel or body");
            if ((second.contains("tf_depthwise_conv_s8_band_mve(") || second.contains("_dw_band_mve(")) && second.contains("in place")) inPlace++;
        }
        assertTrue(inPlace > 0, "no case ran the band kernel in place");
        // and a small 3x3 layer takes the per-layer band body too (and still matches)
        Case small = new Case(8, 8, 40, 3, 1, true, Activation.NONE, false);
        byte[] input = randomInput(DspDepthwiseGraphs.generate(small, 1), 1);
        byte[] expected = HostBuilds.build(DspDepthwiseGraphs.generate(small, 1), "mve-dw-small", CompileOptions.DEFAULT).run(input);
        CompiledModel cm = Compiler.compile(DspDepthwiseGraphs.generate(small, 1), CompileOptions.DEFAULT.withIsa(Isa.MVE));
        String model = cm.code().files().get("model.c");
        assertTrue(model.contains("_dw_band_mve(") && !model.contains("tf_depthwise_conv_s8_planar_mve("),
                "an 8x8x40 3x3 layer should take the per-layer band body");
        assertArrayEquals(expected, EmulatedRun.run(cm, Boards.get(BOARD), input, false, 120).outputs(), "planar 8x8x40");
    }

    @Test
    void lanesDepthwiseMatchesPortableHostBuildOnM55() {
        FirmwareTools.requireQemu();
        assertTrue(windowCases(LANES, 9300)[0] > 0, "no case ran the window body in place");
        long seed = 9300 + LANES.size();
        // more channels than the window body's 16-bit scatter offsets reach: the lanes body
        Case wide = new Case(1, 1, 8200, 3, 1, true, Activation.RELU6, false);
        String lanes = runOnM55(wide, ++seed, true, false);
        assertTrue(lanes.contains("tf_dw_lanes_mve_body(") && !lanes.contains("tf_dw_window_mve_body("),
                wide + ": not the lanes body");
        for (Case cs : NOT_LANES) {
            seed++;
            String model = runOnM55(cs, seed, true, true);
            assertTrue(!model.contains("tf_dw_lanes_mve_body(") && !model.contains("tf_dw_window_mve_body("),
                    cs + ": channels no multiple of 8 took the lanes or window body");
        }
    }

    @Test
    void windowDepthwiseMatchesPortableHostBuildOnM55() {
        FirmwareTools.requireQemu();
        int[] counts = windowCases(WINDOW, 9500);
        assertTrue(counts[0] > 0, "no case ran the window body in place");
        assertTrue(counts[1] >= 2, "fewer than two cases took the window body's row runs (a bias per output row)");
    }

    /**
     * Runs each case on the M55 (seeds from seed + 1; memory optimizations on every other case, the host twin on
     * even seeds); each first layer must use the window body (which replaces the lanes body where both fit).
     * Returns {cases whose second layer ran the window body in place, cases whose first layer took row runs}.
     */
    private static int[] windowCases(List<Case> cases, long seed) {
        int[] counts = new int[2];
        for (Case cs : cases) {
            seed++;
            String[] layers = firstAndRest(runOnM55(cs, seed, cases.indexOf(cs) % 2 == 0, seed % 2 == 0));
            String first = layers[0], second = layers[1];
            assertTrue(first.contains("_dw_window_mve(") && first.contains("tf_dw_window_mve_body("),
                    cs + ": the first layer does not use the window body");
            if (second.contains("_dw_window_mve(") && second.contains("in place")) counts[0]++;
            if (first.contains("_window_bias")) counts[1]++;
        }
        return counts;
    }

    @Test
    void bandBodyMatchesPortableHostBuildOnM55() {
        FirmwareTools.requireQemu();
        int inPlace = 0;
        long seed = 9500;
        for (Case cs : BAND_BODY) {
            seed++;
            String model = runOnM55(cs, seed, BAND_BODY.indexOf(cs) % 2 == 0, seed % 3 == 0);
            String[] layers = firstAndRest(model);
            String first = layers[0], second = layers[1];
            assertTrue(first.contains("_dw_band_mve(") && model.contains("tf_dw_band_mve_body("),
                    cs + ": the first layer does not use the per-layer band body");
            if (second.contains("_dw_band_mve(") && second.contains("in place")) inPlace++;
        }
        assertTrue(inPlace > 0, "no case ran the band body in place");
        // rows longer than the body unrolls (70 > MveDepthwiseBand.MAX_OW) stay on the generic band kernel
        Case wide = new Case(4, 70, 3, 3, 1, true, Activation.RELU6, false);
        String model = runOnM55(wide, seed + 1, true, true);
        assertTrue(model.contains("tf_depthwise_conv_s8_band_mve(") && !model.contains("tf_dw_band_mve_body("),
                wide + ": rows of 70 outputs should take the generic band kernel");
    }

    /** model.c split at its second layer: {layer 0's code, the rest ("" for a one-layer model)}. */
    private static String[] firstAndRest(String model) {
        int one = model.indexOf("layer 1:");
        return new String[] {model.substring(model.indexOf("layer 0:"), one < 0 ? model.length() : one),
                one < 0 ? "" : model.substring(one)};
    }

    /**
     * Runs a case on the M55 under QEMU (memory optimizations on or off) against the portable host build, and with
     * host twin also the host build with Isa.MVE (the MVE kernels' portable twins); returns the M55 model.c.
     */
    private static String runOnM55(Case cs, long seed, boolean memoryOn, boolean hostTwin) {
        byte[] input = randomInput(DspDepthwiseGraphs.generate(cs, seed), seed);
        byte[] expected = HostBuilds.build(DspDepthwiseGraphs.generate(cs, seed), "mve-dwl-portable-" + seed,
                CompileOptions.DEFAULT).run(input);
        CompileOptions mve = (memoryOn ? CompileOptions.DEFAULT : CompileOptions.NO_MEMORY_OPTIMIZATIONS).withIsa(Isa.MVE);
        CompiledModel cm = Compiler.compile(DspDepthwiseGraphs.generate(cs, seed), mve);
        if (hostTwin) {
            byte[] host = HostBuilds.build(DspDepthwiseGraphs.generate(cs, seed), "mve-dwl-host-" + seed,
                    CompileOptions.DEFAULT.withIsa(Isa.MVE)).run(input);
            assertArrayEquals(expected, host, cs + ": the MVE kernels' portable C differs from the portable kernels");
        }
        EmulatedRun.Result r = EmulatedRun.run(cm, Boards.get(BOARD), input, false, 120);
        assertArrayEquals(expected, r.outputs(), cs + " on " + BOARD + ": MVE depthwise differs from portable C");
        return cm.code().files().get("model.c");
    }

    private static byte[] randomInput(Graph g, long seed) {
        Random r = new Random(seed * 31 + 7);
        byte[] in = new byte[(int) g.inputs().get(0).type().byteSize()];
        r.nextBytes(in);
        return in;
    }
}
