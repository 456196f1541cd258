package dev.tinyforge.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.tinyforge.CompileOptions;
import dev.tinyforge.Compiler;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.Isa;
import dev.tinyforge.board.Boards;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Value;
import dev.tinyforge.plan.RandomGraphs;
import dev.tinyforge.testing.HostBuilds;

/**
 * The ARMv7E-M DSP kernel variants give the portable kernels' bytes: random graphs (1x1 and 3x3 convs,
 * (im2col), depthwise with strides, padding and odd channel counts) compiled with {@link Isa#DSP} run as firmware
 * under QEMU on the Cortex-M4 (in place on) and M7 (in place off) stand-ins, and their outputs equal the
 * host build's with portable C. The shared models against TFLM's goldens on the same boards are in
 * {@link GoldenFirmwareAllModelsTest}. Each DSP kernel must have run at least once.
 */
class DspKernelsBitExactTest {
    /**
     * The DSP kernels the planner's random graphs reach (they have no FULLY_CONNECTED). Their general convolutions all
     * take the per-layer body (tf_conv_s8_dsp only the layer graphs' left shifts), their 1x1 layers the per-layer
     * specialized bodies (*_layer in model.c, conv_s8_1x1_dsp_body.h, small filters in place as int16 words; the
     * generic 1x1 kernels are reached by DspLayerGraphs' left-shift layers), their depthwise layers the per-layer body
     * (depthwise_conv_s8_dsp_body.h; the generic depthwise kernels are reached by DspLayerGraphs' wide rows and left
     * shifts).
     */
    private static final String[] DSP_KERNELS = {"tf_conv_s8_dsp_body", "tf_conv_s8_1x1_dsp_layer", "tf_conv_s8_1x1_inplace_dsp_wide_layer",
            "tf_depthwise_conv_s8_dsp_layer", "tf_add_s8_dsp"};
    /** Every DSP kernel: the random layer graphs must reach them all. */
    private static final String[] ALL_DSP_KERNELS = {"tf_conv_s8_dsp", "tf_conv_s8_dsp_body", "tf_conv_s8_1x1_dsp", "tf_conv_s8_1x1_inplace_dsp",
            "tf_conv_s8_1x1_dsp_layer", "tf_conv_s8_1x1_inplace_dsp_layer", "tf_conv_s8_1x1_dsp_chunked_layer",
            "tf_conv_s8_1x1_inplace_dsp_chunked_layer", "tf_conv_s8_1x1_dsp_wide_layer", "tf_conv_s8_1x1_inplace_dsp_wide_layer",
            "tf_depthwise_conv_s8_dsp", "tf_depthwise_conv_s8_inplace_dsp", "tf_depthwise_conv_s8_dsp_layer", "tf_add_s8_dsp",
            "tf_fully_connected_s8_dsp", "tf_avgpool_s8_dsp"};

    /** A chunked 1x1 call, out of place or in place, up to its out_c and out_chunk arguments. */
    private static final java.util.regex.Pattern CHUNKED_1X1 = java.util.regex.Pattern.compile(
            "tf_conv_s8_1x1_dsp_chunked_layer\\((?:[^,]+,){11} (\\d+), (\\d+),"
                    + "|tf_conv_s8_1x1_inplace_dsp_chunked_layer\\((?:[^,]+,){6} (\\d+), (\\d+),");
    private static final String STAGED = "chunked 1x1 in several passes (staged outputs)";

    @Test
    void randomGraphsOnM4AndM7MatchPortableHostBuild() {
        FirmwareTools.requireQemu();
        Map<String, Integer> calls = new TreeMap<>();
        for (long seed = 4000; seed < 4012; seed++) {
            byte[] input = randomInput(RandomGraphs.generate(seed), seed);
            byte[] expected = HostBuilds.build(RandomGraphs.generate(seed), "dsp-portable-" + seed, CompileOptions.DEFAULT).run(input);
            boolean m4 = seed % 2 == 0;
            CompileOptions dsp = (m4 ? CompileOptions.DEFAULT : CompileOptions.NO_MEMORY_OPTIMIZATIONS).withIsa(Isa.DSP);
            CompiledModel cm = Compiler.compile(RandomGraphs.generate(seed), dsp);
            String board = m4 ? "qemu-mps2-an386" : "qemu-mps2-an500";
            assertEquals(Isa.DSP, Boards.get(board).isa(), board);
            String code = String.join("\n", cm.code().files().values());
            for (String k : DSP_KERNELS) if (code.contains(k + "(")) calls.merge(k, 1, Integer::sum);
            EmulatedRun.Result r = EmulatedRun.run(cm, Boards.get(board), input, false, 120);
            assertArrayEquals(expected, r.outputs(), "seed " + seed + " on " + board + ": DSP kernels differ from portable C");
        }
        System.out.println("DSP kernels vs portable C, random graphs: graphs calling each kernel " + calls);
        for (String k : DSP_KERNELS) assertTrue(calls.getOrDefault(k, 0) > 0, "no random graph called " + k);
    }

    /**
     * The kernels' parameter space ({@link DspLayerGraphs}: channels 1, 3, odd, large; strides; SAME/VALID;
     * zero points; per-channel scales; left shifts and tiny scales; 3x3/5x5/7x7 depthwise; rows wider than the
     * depthwise row buffer) on M4 (in place on) and M7 (off), against the portable host build.
     */
    @Test
    void randomLayerParametersOnM4AndM7MatchPortableHostBuild() {
        FirmwareTools.requireQemu();
        Map<String, Integer> calls = new TreeMap<>();
        for (long seed = 5000; seed < 5010; seed++) {
            Graph g = DspLayerGraphs.generate(seed);
            byte[] input = randomInput(g, seed);
            byte[] expected = HostBuilds.build(DspLayerGraphs.generate(seed), "dsp-layers-portable-" + seed, CompileOptions.DEFAULT)
                    .run(input);
            boolean m4 = seed % 2 == 0;
            CompileOptions dsp = (m4 ? CompileOptions.DEFAULT : CompileOptions.NO_MEMORY_OPTIMIZATIONS).withIsa(Isa.DSP);
            CompiledModel cm = Compiler.compile(DspLayerGraphs.generate(seed), dsp);
            String code = String.join("\n", cm.code().files().values());
            for (String k : ALL_DSP_KERNELS) if (code.contains(k + "(")) calls.merge(k, 1, Integer::sum);
            if (stagedPasses(code)) calls.merge(STAGED, 1, Integer::sum);
            String board = m4 ? "qemu-mps2-an386" : "qemu-mps2-an500";
            EmulatedRun.Result r = EmulatedRun.run(cm, Boards.get(board), input, false, 120);
            assertArrayEquals(expected, r.outputs(), "seed " + seed + " on " + board + ": DSP kernels differ from portable C");
        }
        System.out.println("DSP kernels vs portable C, random layer parameters: graphs calling each kernel " + calls);
        for (String k : ALL_DSP_KERNELS) assertTrue(calls.getOrDefault(k, 0) > 0, "no random layer graph called " + k);
        assertTrue(calls.getOrDefault(STAGED, 0) > 0, "no random layer graph took " + STAGED);
    }

    /** Whether a chunked 1x1 call computes fewer output channels per pass than out_c (so it stages its outputs). */
    private static boolean stagedPasses(String code) {
        java.util.regex.Matcher m = CHUNKED_1X1.matcher(code);
        while (m.find()) {
            int g = m.group(1) != null ? 1 : 3;
            if (Integer.parseInt(m.group(g + 1)) < Integer.parseInt(m.group(g))) return true;
        }
        return false;
    }

    private static byte[] randomInput(Graph g, long seed) {
        Random r = new Random(seed * 31 + 7);
        int total = 0;
        for (Value v : g.inputs()) total += (int) v.type().byteSize();
        byte[] in = new byte[total];
        int pos = 0;
        for (Value v : g.inputs()) {
            if (v.type().elementType() == ElementType.FLOAT32) {
                ByteBuffer bb = ByteBuffer.wrap(in, pos, (int) v.type().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
                for (long i = 0; i < v.type().elementCount(); i++) bb.putFloat((r.nextFloat() - 0.5f) * 12f);
            } else {
                for (int i = 0; i < v.type().byteSize(); i++) in[pos + i] = (byte) r.nextInt(256);
            }
            pos += (int) v.type().byteSize();
        }
        return in;
    }
}
