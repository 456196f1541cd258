package dev.tinyforge.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

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
 * The DSP depthwise kernels (the per-layer body of depthwise_conv_s8_dsp_body.h, and tf_depthwise_conv_s8_dsp,
 * tf_depthwise_conv_s8_inplace_dsp where it does not fit) give the portable kernels' bytes on every path they choose by
 * shape ({@link DspDepthwiseGraphs}): each case runs as firmware under QEMU, every other one on the Cortex-M4 stand-in
 * with memory optimizations on (the second layer in place) and the rest on the M7 with them off, against the host
 * build with portable C. The case list must reach every path of the per-layer body (checked in the generated code:
 * filter sizes and strides, row tails of 1 and 2 outputs, groups under 4 channels, filter rows in the padding, an
 * activation range, in place) and the generic kernels (rows too wide for the body's ring).
 */
class DspDepthwiseBitExactTest {
    private static final List<Case> CASES = List.of(
            new Case(12, 12, 8, 3, 1, true, Activation.NONE, false),     // 3x3, stride 1, rows of 4-output blocks
            new Case(17, 19, 12, 3, 2, true, Activation.NONE, false),    // 3x3, stride 2, a 2-output tail
            new Case(10, 13, 7, 3, 1, false, Activation.RELU, false),    // VALID, 3 channels in the last group, 3-output tail
            new Case(9, 11, 16, 5, 1, true, Activation.NONE, false),     // 5x5, stride 1, odd last pixel
            new Case(13, 16, 8, 5, 2, true, Activation.NONE, false),     // 5x5, stride 2
            new Case(10, 10, 8, 7, 1, true, Activation.NONE, false),     // 7x7, stride 1
            new Case(14, 17, 20, 7, 2, true, Activation.NONE, false),    // 7x7, stride 2, odd last pixel
            new Case(9, 7, 16, 5, 1, true, Activation.NONE, false),      // 5x5, narrow rows
            new Case(14, 12, 12, 7, 2, true, Activation.NONE, false),    // 7x7, stride 2, narrow rows
            new Case(3, 3, 8, 7, 1, true, Activation.NONE, false),       // 7x7 over a 3x3 image: every filter row partial
            new Case(5, 5, 12, 3, 1, true, Activation.NONE, false),      // 3x3 over 5x5 (small late layers)
            new Case(3, 3, 20, 5, 1, true, Activation.NONE, false),      // 5x5 over 3x3, 4 channels in the last group
            new Case(12, 12, 8, 3, 1, true, Activation.RELU6, false),    // activation range
            new Case(11, 12, 20, 3, 1, true, Activation.NONE, true),     // spread scales (some layers fall back)
            new Case(40, 40, 8, 3, 1, true, Activation.NONE, false),     // rows moved to the ring's front
            new Case(4, 300, 4, 3, 1, true, Activation.NONE, false),     // rows wider than any ring: generic tap by tap
            new Case(6, 8, 3, 3, 2, false, Activation.NONE, false),      // under 4 channels: one partial group
            new Case(8, 9, 5, 5, 2, true, Activation.RELU6, false));     // 5 channels, RELU6, stride 2

    /** A call of the per-layer body with one buffer for input and output (the plan's in-place pairing). */
    private static final Pattern IN_PLACE_CALL = Pattern.compile("dw_dsp_\\w+\\((.+?), \\1, ");

    @Test
    void everyDepthwisePathMatchesPortableHostBuildOnM4AndM7() {
        FirmwareTools.requireQemu();
        for (int k : new int[] {3, 5, 7})
            for (int s : new int[] {1, 2}) {
                int kk = k, ss = s;
                assertTrue(CASES.stream().anyMatch(c -> c.layerFits() && c.k() == kk && c.stride() == ss),
                        "no " + k + "x" + k + " stride-" + s + " case for the per-layer body");
            }
        assertTrue(CASES.stream().anyMatch(c -> c.layerFits() && c.outW() % 4 == 1), "no row with a 1-output tail");
        assertTrue(CASES.stream().anyMatch(c -> c.layerFits() && c.outW() % 4 >= 2), "no row with a 2-output tail");
        assertTrue(CASES.stream().anyMatch(c -> c.layerFits() && c.c() % 4 != 0 && c.c() > 4), "no case with a partial last group");
        assertTrue(CASES.stream().anyMatch(c -> c.layerFits() && c.c() < 4), "no case under 4 channels");
        assertTrue(CASES.stream().anyMatch(c -> c.layerFits() && c.h() < c.k()), "no image smaller than its filter");
        assertTrue(CASES.stream().anyMatch(c -> c.c() >= 4 && !c.layerFits()), "no case past the per-layer ring");
        int inPlace = 0, layer = 0, generic = 0, relu6 = 0;
        long seed = 7000;
        for (Case cs : CASES) {
            // one board per case, alternating, so the test stays short; each board still sees most paths
            boolean m4 = CASES.indexOf(cs) % 2 == 0;
            seed++;
            byte[] input = randomInput(DspDepthwiseGraphs.generate(cs, seed), seed);
            byte[] expected = HostBuilds.build(DspDepthwiseGraphs.generate(cs, seed), "dsp-dw-portable-" + seed,
                    CompileOptions.DEFAULT).run(input);
            CompileOptions dsp = (m4 ? CompileOptions.DEFAULT : CompileOptions.NO_MEMORY_OPTIMIZATIONS).withIsa(Isa.DSP);
            CompiledModel cm = Compiler.compile(DspDepthwiseGraphs.generate(cs, seed), dsp);
            String code = String.join("\n", cm.code().files().values());
            boolean usesLayer = code.contains("tf_depthwise_conv_s8_dsp_layer(");
            boolean usesGeneric = code.contains("tf_depthwise_conv_s8_dsp(") || code.contains("tf_depthwise_conv_s8_inplace_dsp(");
            assertTrue(usesLayer || usesGeneric, cs + ": no DSP depthwise kernel");
            if (cs.layerFits() && !cs.spreadScales()) assertTrue(usesLayer && !usesGeneric, cs + ": the per-layer body did not run");
            if (usesLayer) layer++;
            if (usesGeneric) generic++;
            if (usesLayer && cs.act() == Activation.RELU6) relu6++;
            if (IN_PLACE_CALL.matcher(code).find()) inPlace++;
            String board = m4 ? "qemu-mps2-an386" : "qemu-mps2-an500";
            EmulatedRun.Result r = EmulatedRun.run(cm, Boards.get(board), input, false, 120);
            assertArrayEquals(expected, r.outputs(), cs + " on " + board + ": DSP depthwise differs from portable C");
        }
        System.out.println("DSP depthwise cases: per-layer body " + layer + ", generic " + generic + ", body in place " + inPlace);
        assertTrue(inPlace > 0, "no case ran the per-layer body in place");
        assertTrue(generic > 0, "no case ran the generic DSP depthwise kernels");
        assertTrue(relu6 > 0, "no RELU6 case ran the per-layer body");
    }

    private static byte[] randomInput(Graph g, long seed) {
        Random r = new Random(seed * 31 + 7);
        byte[] in = new byte[(int) g.inputs().get(0).type().byteSize()];
        r.nextBytes(in);
        return in;
    }
}
