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
 * The DSP depthwise kernels (tf_depthwise_conv_s8_dsp, tf_depthwise_conv_s8_inplace_dsp) give the portable kernels'
 * bytes on every path they choose by shape ({@link DspDepthwiseGraphs}): each case runs as firmware under QEMU, every
 * other one on the Cortex-M4 stand-in with memory optimizations on (the second layer in place) and the rest on the M7
 * with them off, against the host build with portable C. The case list must reach every path (checked through the kernels' own conditions,
 * mirrored in {@link Case}), and the M4 builds must have run the in-place kernel.
 */
class DspDepthwiseBitExactTest {
    private static final List<Case> CASES = List.of(
            new Case(12, 12, 8, 3, 1, true, Activation.NONE, false),     // pair layout 3x3, stride 1, even row
            new Case(17, 19, 12, 3, 2, true, Activation.NONE, false),    // pair layout 3x3, stride 2, odd last pixel
            new Case(10, 13, 7, 3, 1, false, Activation.RELU, false),    // pair layout (VALID, odd row), 3 left-over channels
            new Case(9, 11, 16, 5, 1, true, Activation.NONE, false),     // pair layout 5x5, stride 1, odd last pixel
            new Case(13, 16, 8, 5, 2, true, Activation.NONE, false),     // pair layout 5x5, stride 2
            new Case(10, 10, 8, 7, 1, true, Activation.NONE, false),     // pair layout 7x7, stride 1
            new Case(14, 17, 20, 7, 2, true, Activation.NONE, false),    // pair layout 7x7, stride 2, odd last pixel
            new Case(9, 7, 16, 5, 1, true, Activation.NONE, false),      // word layout 5x5 (narrow rows)
            new Case(14, 12, 12, 7, 2, true, Activation.NONE, false),    // word layout 7x7, stride 2
            new Case(3, 3, 8, 7, 1, true, Activation.NONE, false),       // 7x7 over a 3x3 image: every filter row partial
            new Case(5, 5, 12, 3, 1, true, Activation.NONE, false),      // word layout 3x3 (narrow rows)
            new Case(12, 12, 8, 3, 1, true, Activation.RELU6, false),    // activation range: generic requantization
            new Case(11, 12, 20, 3, 1, true, Activation.NONE, true),     // some groups outside the quick shift range
            new Case(4, 300, 4, 3, 1, true, Activation.NONE, false),     // rows wider than the ring: tap-by-tap groups
            new Case(6, 8, 3, 3, 2, false, Activation.NONE, false));     // under 4 channels: channel planes only

    @Test
    void everyDepthwisePathMatchesPortableHostBuildOnM4AndM7() {
        FirmwareTools.requireQemu();
        for (int k : new int[] {3, 5, 7})
            for (int s : new int[] {1, 2}) {
                int kk = k, ss = s;
                assertTrue(CASES.stream().anyMatch(c -> c.pairFits() && c.k() == kk && c.stride() == ss),
                        "no " + k + "x" + k + " stride-" + s + " case in the pair layout");
            }
        assertTrue(CASES.stream().anyMatch(c -> c.pairFits() && c.outW() % 2 == 1), "no pair-layout case with an odd last pixel");
        assertTrue(CASES.stream().anyMatch(c -> c.ringFits() && !c.pairFits() && c.k() == 5), "no 5x5 case in the word layout");
        assertTrue(CASES.stream().anyMatch(c -> c.ringFits() && !c.pairFits() && c.k() == 7), "no 7x7 case in the word layout");
        assertTrue(CASES.stream().anyMatch(c -> c.ringFits() && !c.pairFits() && c.k() == 3), "no 3x3 case in the word layout");
        assertTrue(CASES.stream().anyMatch(c -> c.c() >= 4 && !c.ringFits()), "no case past the ring");
        assertTrue(CASES.stream().anyMatch(c -> c.c() % 4 != 0 && c.c() > 4), "no case with left-over channels");
        int inPlace = 0;
        long seed = 7000;
        for (Case cs : CASES) {
            // one board per case, alternating, so the test stays short; each board still sees most paths
            for (boolean m4 : new boolean[] {CASES.indexOf(cs) % 2 == 0}) {
                seed++;
                byte[] input = randomInput(DspDepthwiseGraphs.generate(cs, seed), seed);
                byte[] expected = HostBuilds.build(DspDepthwiseGraphs.generate(cs, seed), "dsp-dw-portable-" + seed,
                        CompileOptions.DEFAULT).run(input);
                CompileOptions dsp = (m4 ? CompileOptions.DEFAULT : CompileOptions.NO_MEMORY_OPTIMIZATIONS).withIsa(Isa.DSP);
                CompiledModel cm = Compiler.compile(DspDepthwiseGraphs.generate(cs, seed), dsp);
                String code = String.join("\n", cm.code().files().values());
                assertTrue(code.contains("tf_depthwise_conv_s8_dsp(") || code.contains("tf_depthwise_conv_s8_inplace_dsp("),
                        cs + ": no DSP depthwise kernel");
                if (code.contains("tf_depthwise_conv_s8_inplace_dsp(")) inPlace++;
                String board = m4 ? "qemu-mps2-an386" : "qemu-mps2-an500";
                EmulatedRun.Result r = EmulatedRun.run(cm, Boards.get(board), input, false, 120);
                assertArrayEquals(expected, r.outputs(), cs + " on " + board + ": DSP depthwise differs from portable C");
            }
        }
        assertTrue(inPlace > 0, "no case ran the in-place DSP depthwise kernel");
    }

    private static byte[] randomInput(Graph g, long seed) {
        Random r = new Random(seed * 31 + 7);
        byte[] in = new byte[(int) g.inputs().get(0).type().byteSize()];
        r.nextBytes(in);
        return in;
    }
}
