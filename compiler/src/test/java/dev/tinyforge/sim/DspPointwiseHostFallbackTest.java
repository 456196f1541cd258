package dev.tinyforge.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.tinyforge.CompileOptions;
import dev.tinyforge.Isa;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Value;
import dev.tinyforge.testing.HostBuilds;

/**
 * The per-layer 1x1 kernels (runtime-c/src/conv/conv_s8_1x1_dsp_body.h) have a portable body for builds without
 * __ARM_FEATURE_DSP (a DSP project's host build): it reads the same compile-time tables (packed weights, folded
 * bias, SMMLAR-form requantization constants, constant channels) as the DSP body. Random layer graphs compiled for
 * {@link Isa#DSP} and built for the host must give the portable kernels' bytes (in place on and off). The DSP body
 * itself is checked on QEMU by {@link DspKernelsBitExactTest}.
 */
class DspPointwiseHostFallbackTest {
    @Test
    void dspProjectsHostBuildMatchesPortableKernels() {
        int specialized = 0;
        for (long seed = 5000; seed < 5010; seed++) {
            byte[] input = input(DspLayerGraphs.generate(seed), seed);
            byte[] expected = HostBuilds.build(DspLayerGraphs.generate(seed), "pw-portable-" + seed, CompileOptions.DEFAULT)
                    .run(input);
            CompileOptions dsp = (seed % 2 == 0 ? CompileOptions.DEFAULT : CompileOptions.NO_MEMORY_OPTIMIZATIONS).withIsa(Isa.DSP);
            HostBuilds.Built b = HostBuilds.build(DspLayerGraphs.generate(seed), "pw-dsp-host-" + seed, dsp);
            if (b.compiled().code().files().get("model.c").contains("_dsp_layer(")) specialized++;
            assertArrayEquals(expected, b.run(input), "seed " + seed + ": the 1x1 bodies' portable form differs");
        }
        assertTrue(specialized > 0, "no graph took the per-layer 1x1 kernels");
    }

    private static byte[] input(Graph g, long seed) {
        Random r = new Random(seed);
        int total = 0;
        for (Value v : g.inputs()) total += (int) v.type().byteSize();
        byte[] in = new byte[total];
        r.nextBytes(in);
        return in;
    }
}
