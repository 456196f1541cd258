package dev.tinyforge.frontend.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.tinyforge.Compiler;
import dev.tinyforge.interp.Interpreter;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.passes.Pipeline;

/**
 * ONNX Runtime as the oracle: random small float CNNs (conv with random stride / padding / groups,
 * batch norm, relu / clip, pooling, residual add, global pool, gemm) written by {@link OnnxModelWriter},
 * run by ORT and by tinyforge's frontend + interpreter.
 */
class OnnxRuntimeOracleTest {

    /** ORT's environment, or the test aborted (skipped loudly) where ORT's native library does not load. */
    static OrtEnvironment ort() {
        try {
            return OrtEnvironment.getEnvironment();
        } catch (Throwable t) {
            String msg = "SKIPPED: ONNX Runtime does not load on this machine: " + t;
            System.err.println(msg);
            Assumptions.abort(msg);
            return null;
        }
    }

    static float[] rand(Random r, int n, float scale) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) f[i] = (float) (r.nextGaussian() * scale);
        return f;
    }

    private static byte[] randomCnn(Random r, int c, int h, int w, int classes) {
        OnnxModelWriter m = new OnnxModelWriter(13);
        m.input("x", 1, c, h, w);
        String x = "x";
        int ch = c, hh = h, ww = w;
        for (int layer = 0; layer < 3; layer++) {
            boolean roomy = Math.min(hh, ww) >= 6;
            int oc = 4 + r.nextInt(5), k = roomy ? 1 + 2 * r.nextInt(2) : 1, stride = roomy ? 1 + r.nextInt(2) : 1, pad = r.nextInt(k / 2 + 1);
            boolean depthwise = layer > 0 && r.nextBoolean();
            if (depthwise) oc = ch;
            String wName = m.initializer(rand(r, oc * (depthwise ? 1 : ch) * k * k, 0.3f), oc, depthwise ? 1 : ch, k, k);
            String b = m.initializer(rand(r, oc, 0.1f), oc);
            String y = m.fresh("conv");
            m.node("Conv", List.of(x, wName, b), List.of(y), "kernel_shape", new long[] {k, k}, "strides", new long[] {stride, stride},
                    "pads", new long[] {pad, pad, pad, pad}, "group", (long) (depthwise ? ch : 1));
            int nh = (hh + 2 * pad - k) / stride + 1, nw = (ww + 2 * pad - k) / stride + 1;
            float[] var = rand(r, oc, 0.2f);
            for (int i = 0; i < oc; i++) var[i] = Math.abs(var[i]) + 0.5f;
            String bn = m.fresh("bn");
            m.node("BatchNormalization", List.of(y, m.initializer(rand(r, oc, 0.5f), oc), m.initializer(rand(r, oc, 0.1f), oc),
                    m.initializer(rand(r, oc, 0.1f), oc), m.initializer(var, oc)), List.of(bn), "epsilon", 1e-3f);
            String act = m.fresh("act");
            if (r.nextBoolean()) m.node("Relu", List.of(bn), List.of(act));
            else m.node("Clip", List.of(bn, m.initializer(new float[] {0f}), m.initializer(new float[] {6f})), List.of(act));
            if (depthwise && nh == hh && nw == ww) { // residual
                String sum = m.fresh("add");
                m.node("Add", List.of(act, x), List.of(sum));
                act = sum;
            }
            x = act;
            ch = oc; hh = nh; ww = nw;
            if (layer == 0 && hh >= 4) {
                String p = m.fresh("pool");
                m.node(r.nextBoolean() ? "MaxPool" : "AveragePool", List.of(x), List.of(p), "kernel_shape", new long[] {2, 2},
                        "strides", new long[] {2, 2});
                x = p; hh /= 2; ww /= 2;
            }
        }
        String gap = m.fresh("gap"), flat = m.fresh("flat");
        m.node("GlobalAveragePool", List.of(x), List.of(gap));
        m.node("Flatten", List.of(gap), List.of(flat), "axis", 1L);
        m.node("Gemm", List.of(flat, m.initializer(rand(r, classes * ch, 0.3f), classes, ch), m.initializer(rand(r, classes, 0.1f), classes)),
                List.of("logits"), "transB", 1L);
        m.node("Softmax", List.of("logits"), List.of("y"), "axis", 1L);
        m.output("y", 1, classes);
        return m.build();
    }

    @Test void randomCnnsAgreeWithOnnxRuntime() throws Exception {
        OrtEnvironment env = ort();
        for (int seed = 0; seed < 20; seed++) {
            Random r = new Random(seed);
            int c = 1 + r.nextInt(3), h = 8 + r.nextInt(8), w = 8 + r.nextInt(8);
            byte[] model = randomCnn(r, c, h, w, 5);
            float[] x = rand(r, c * h * w, 1f);
            float[] want;
            try (OrtSession s = env.createSession(model, new OrtSession.SessionOptions());
                 OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, c, h, w});
                 OrtSession.Result res = s.run(Map.of("x", in))) {
                want = ((float[][]) res.get(0).getValue())[0];
            }
            Graph g = OnnxReader.read(model);
            Pipeline.parse(Compiler.DEFAULT_PIPELINE).run(g);
            Tensor got = new Interpreter().run(g, List.of(Tensor.wrap(new TensorType(ElementType.FLOAT32, 1, c, h, w), x))).get(0);
            for (int i = 0; i < want.length; i++)
                assertTrue(Math.abs(got.float32()[i] - want[i]) <= 1e-4 * Math.abs(want[i]) + 1e-5,
                        "seed " + seed + " class " + i + ": " + got.float32()[i] + " vs ORT " + want[i]);
        }
        System.out.println("20 random CNNs: tinyforge (ONNX frontend + interpreter) agrees with ONNX Runtime within 1e-4");
    }
}
