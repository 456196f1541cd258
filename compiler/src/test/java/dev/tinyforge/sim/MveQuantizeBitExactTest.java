package dev.tinyforge.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.tinyforge.CompileOptions;
import dev.tinyforge.Compiler;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.Isa;
import dev.tinyforge.board.Boards;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/**
 * tf_quantize_f32_s8_mve on the Cortex-M55 stand-in gives TFLM's AffineQuantize bytes: round(x / scale)
 * (a float division, ties away from zero) + zero point, clamped, worked out here in Java from IEEE float
 * division; NaN (undefined in TFLM) gives the zero point, as the portable kernel does. Inputs: exact ties
 * (scale 0.25), random values around the int8 range, huge values, infinities, -0, subnormals; 67
 * values, so the last step is a predicated one.
 */
class MveQuantizeBitExactTest {
    private static final String BOARD = "qemu-mps3-an547";

    @Test
    void quantizeOnM55MatchesAffineQuantize() {
        FirmwareTools.requireQemu();
        for (float scale : new float[] {0.25f, 0.0078393072f, 3.1f}) {
            for (int zeroPoint : new int[] {0, -128, 5}) {
                float[] x = inputs(scale, zeroPoint);
                Graph g = graph(x.length, scale, zeroPoint);
                CompiledModel cm = Compiler.compile(graph(x.length, scale, zeroPoint), CompileOptions.DEFAULT.withIsa(Isa.MVE));
                assertTrue(String.join("\n", cm.code().files().values()).contains("tf_quantize_f32_s8_mve("),
                        "the M55 build calls the MVE kernel");
                byte[] out = EmulatedRun.run(cm, Boards.get(BOARD), bytes(x), false, 120).outputs();
                assertArrayEquals(expected(x, scale, zeroPoint), out, "scale " + scale + ", zero point " + zeroPoint + " (" + g.name() + ")");
            }
        }
    }

    private static Graph graph(int n, float scale, int zeroPoint) {
        Graph g = new Graph("quantize");
        Value in = g.addInput("in", new TensorType(ElementType.FLOAT32, 1, 1, 1, n));
        Value out = g.newValue("q", new TensorType(ElementType.INT8, new int[] {1, 1, 1, n}, Quant.perTensor(scale, zeroPoint)));
        g.addNode("quantize", OpKind.QUANTIZE, Attrs.None.INSTANCE, List.of(in), List.of(out));
        g.addOutput(out);
        return g;
    }

    private static float[] inputs(float scale, int zeroPoint) {
        float[] special = {0.125f, -0.125f, 0.375f, -0.375f, 2.5f * scale, -2.5f * scale, (126.5f - zeroPoint) * scale,
                (-128.5f - zeroPoint) * scale, 1e30f, -1e30f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, -0.0f,
                Float.MIN_VALUE, 3e9f * scale, -3e9f * scale};
        Random r = new Random(67);
        float[] x = new float[67];
        for (int i = 0; i < x.length; i++) {
            x[i] = i < special.length ? special[i] : (r.nextFloat() * 300 - 150) * scale;
        }
        return x;
    }

    /** AffineQuantize: float division, round half away from zero, zero point, clamp; NaN gives the zero point. */
    private static byte[] expected(float[] x, float scale, int zeroPoint) {
        byte[] y = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            float q = x[i] / scale;
            double v = Float.isNaN(q) ? 0 : Math.signum(q) * Math.floor(Math.abs((double) q) + 0.5);
            y[i] = (byte) Math.max(-128, Math.min(127, v + zeroPoint));
        }
        return y;
    }

    private static byte[] bytes(float[] x) {
        ByteBuffer b = ByteBuffer.allocate(4 * x.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : x) b.putFloat(v);
        return b.array();
    }
}
