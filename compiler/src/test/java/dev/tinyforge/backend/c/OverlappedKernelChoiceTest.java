package dev.tinyforge.backend.c;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tinyforge.CompileOptions;
import dev.tinyforge.Compiler;
import dev.tinyforge.Isa;
import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;
import dev.tinyforge.plan.InPlace;

/**
 * An overlapped depthwise must run a pixel-order kernel, never the channel-plane DSP ones. A 3x3 stride-2
 * depthwise 16x16x16 -> 8x8x16: in place over its input it needs a 64-byte plane of scratch beside the 4,096
 * input bytes; overlapped it needs only 16 bytes more (one pixel: its output starts one pixel before the
 * input), so the planner overlaps it, and emitted for a DSP core it must call the portable kernel. Planned
 * for a DSP core it stays in place (its channel-plane DSP kernel is several times faster).
 */
class OverlappedKernelChoiceTest {

    @Test
    void overlappedDepthwiseOnDspCallsThePixelOrderKernel() {
        // planned for a portable target (overlap allowed), emitted for a DSP core
        Compiler.CompiledModel on = Compiler.compile(strideTwoDepthwise(), CompileOptions.DEFAULT);
        Node dw = on.graph().nodes().get(0);
        InPlace ip = on.plan().inPlace(dw);
        assertNotNull(ip);
        assertTrue(ip.isOverlap(), "expected an overlap, got " + ip.scheme());
        String c = CModelGenerator.generate(on.graph(), on.plan(), Isa.DSP).files().get("model.c");
        assertTrue(c.contains("tf_depthwise_conv_s8_nhwc("), c);
        assertFalse(c.contains("tf_depthwise_conv_s8_inplace_dsp(") || c.contains("tf_depthwise_conv_s8_dsp("), c);
        assertTrue(c.contains("overlapped: the output starts 16 bytes before"), c);
    }

    /** Planned for a DSP target, the multiplier-1 depthwise keeps an in-place DSP kernel (channel groups, no overlap). */
    @Test
    void dspTargetsKeepThePlaneKernels() {
        Compiler.CompiledModel portable = Compiler.compile(strideTwoDepthwise(), CompileOptions.DEFAULT);
        Compiler.CompiledModel dsp = Compiler.compile(strideTwoDepthwise(), CompileOptions.DEFAULT.withIsa(Isa.DSP));
        InPlace ip = dsp.plan().inPlace(dsp.graph().nodes().get(0));
        assertNotNull(ip);
        assertFalse(ip.isOverlap());
        // in place through the per-layer DSP body (one buffer for input and output), as the generic in-place kernel would
        assertTrue(java.util.regex.Pattern.compile("dw_dsp_\\w+\\((.+?), \\1, ").matcher(dsp.code().files().get("model.c")).find());
        assertTrue(dsp.plan().arenaBytes() > portable.plan().arenaBytes());
        // --no-overlap gives the same on a portable target
        Compiler.CompiledModel off = Compiler.compile(strideTwoDepthwise(), CompileOptions.DEFAULT.withOverlap(false));
        assertFalse(off.plan().inPlace(off.graph().nodes().get(0)).isOverlap());
    }

    private static Graph strideTwoDepthwise() {
        Graph g = new Graph("dw_s2");
        Quant q = Quant.perTensor(0.05f, 0);
        Value x = g.addInput("x", new TensorType(ElementType.INT8, new int[] {1, 16, 16, 16}, q));
        float[] scales = new float[16];
        Arrays.fill(scales, 0.01f);
        Value w = g.newConstant("w", Tensor.zeros(new TensorType(ElementType.INT8, new int[] {1, 3, 3, 16}, new Quant(scales, new int[16], 3))));
        Value y = g.newValue("y", new TensorType(ElementType.INT8, new int[] {1, 8, 8, 16}, q));
        g.addNode("dw", OpKind.DEPTHWISE_CONV_2D, new Attrs.DepthwiseConv2D(new int[] {0, 0, 1, 1}, new int[] {2, 2}, new int[] {1, 1}, 1,
                Activation.NONE), Arrays.asList(x, w, null), List.of(y));
        g.addOutput(y);
        return g;
    }
}
