package dev.tinyforge.frontend.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.tinyforge.frontend.onnx.OnnxRuntimeOracleTest.ort;
import static dev.tinyforge.frontend.onnx.OnnxRuntimeOracleTest.rand;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.tinyforge.Compiler;
import dev.tinyforge.interp.Interpreter;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.passes.Pipeline;

/**
 * ONNX Runtime as the oracle for QDQ models: random small CNNs written as QDQ graphs (QuantizeLinear /
 * DequantizeLinear around Conv (+Relu), depthwise Conv, MaxPool / AveragePool, residual Add,
 * GlobalAveragePool, Flatten and Gemm; per-channel int8 conv weights, int32 biases, int8 or uint8
 * activations), run by ORT (which fuses them into its own integer kernels) and by tinyforge, whose QDQ
 * lowering turns them into int8 TFLite-style ops (checked: no float op is left). The quantized outputs
 * must agree exactly or within 1 LSB; the count of elements 1 LSB apart is printed.
 */
class OnnxRuntimeQdqOracleTest {

    /** Writes a QDQ model, keeping track of each activation's quantization. */
    private static final class QdqBuilder {
        final OnnxModelWriter m = new OnnxModelWriter(13);
        final Random r;
        final boolean uint8;

        QdqBuilder(Random r, boolean uint8) { this.r = r; this.uint8 = uint8; }

        record Q(String name, float scale, int zp) {}

        Q quantize(String floatName, float scale, int zpSigned) {
            int zp = uint8 ? zpSigned + 128 : zpSigned;
            String s = m.initializer(new float[] {scale});
            String z = m.initializer(uint8 ? OnnxProto.UINT8 : OnnxProto.INT8, new byte[] {(byte) zp});
            String out = m.fresh("q");
            m.node("QuantizeLinear", List.of(floatName, s, z), List.of(out));
            return new Q(out, scale, zp);
        }

        String dequantize(Q q) {
            String s = m.initializer(new float[] {q.scale()});
            String z = m.initializer(uint8 ? OnnxProto.UINT8 : OnnxProto.INT8, new byte[] {(byte) q.zp()});
            String out = m.fresh("dq");
            m.node("DequantizeLinear", List.of(q.name(), s, z), List.of(out));
            return out;
        }

        /** Symmetric int8 weights, per output channel (axis 0) or per tensor, behind a DequantizeLinear. */
        String weights(float[] w, boolean perChannel, int channels, float[] scalesOut, long... dims) {
            int per = w.length / channels;
            byte[] q = new byte[w.length];
            for (int c = 0; c < channels; c++) {
                float max = 1e-6f;
                for (int i = 0; i < (perChannel ? per : w.length); i++) max = Math.max(max, Math.abs(w[(perChannel ? c * per : 0) + i]));
                scalesOut[c] = max / 127f;
            }
            for (int i = 0; i < w.length; i++) q[i] = (byte) Math.round(w[i] / scalesOut[perChannel ? i / per : 0]);
            String wq = m.initializer(OnnxProto.INT8, q, dims);
            int n = perChannel ? channels : 1;
            String s = m.initializer(java.util.Arrays.copyOf(scalesOut, n), perChannel ? new long[] {n} : new long[0]);
            String z = m.initializer(OnnxProto.INT8, new byte[n], perChannel ? new long[] {n} : new long[0]);
            String out = m.fresh("wdq");
            m.node("DequantizeLinear", List.of(wq, s, z), List.of(out), "axis", 0L);
            return out;
        }

        /** An int32 bias at scale inScale x weight scale per channel, behind a DequantizeLinear. */
        String bias(float[] b, float inScale, float[] wScales, boolean perChannel) {
            int n = b.length;
            int[] q = new int[n];
            float[] s = new float[n];
            for (int c = 0; c < n; c++) {
                s[c] = inScale * wScales[perChannel ? c : 0];
                q[c] = Math.round(b[c] / s[c]);
            }
            String bq = m.int32Initializer(q, n);
            String out = m.fresh("bdq");
            m.node("DequantizeLinear", List.of(bq, m.initializer(s, n), m.int32Initializer(new int[n], n)), List.of(out), "axis", 0L);
            return out;
        }

        float scaleFor(double std) { return (float) (6 * std / 255); }

        String scalar(float v) { return m.initializer(new float[] {v}); }

        /** A zero point of the model's activation type (stored value, already offset for uint8). */
        String zeroPoint(int stored) { return m.initializer(uint8 ? OnnxProto.UINT8 : OnnxProto.INT8, new byte[] {(byte) stored}); }

        int zp() { return r.nextInt(21) - 10; }
    }

    /** How many of the whole-CNN models are also compiled to C and run on the host. */
    private static final int C_BUILDS = 6;

    private record Model(byte[] bytes, int classes) {}

    private static Model randomQdqCnn(Random r, boolean uint8, int c, int h, int w, boolean oneLayer) {
        QdqBuilder b = new QdqBuilder(r, uint8);
        OnnxModelWriter m = b.m;
        m.input("x", 1, c, h, w);
        QdqBuilder.Q x = b.quantize("x", b.scaleFor(1.0), b.zp());
        double std = 1;
        int ch = c, hh = h, ww = w;
        for (int layer = 0; layer < 3; layer++) {
            boolean roomy = Math.min(hh, ww) >= 6;
            int oc = 4 + r.nextInt(5), k = roomy ? 1 + 2 * r.nextInt(2) : 1, stride = roomy ? 1 + r.nextInt(2) : 1, pad = r.nextInt(k / 2 + 1);
            boolean depthwise = layer > 0 && r.nextBoolean();
            if (depthwise) oc = ch;
            int fanIn = (depthwise ? 1 : ch) * k * k;
            float[] ws = new float[oc];
            String wName = b.weights(rand(r, oc * fanIn, 0.5f), true, oc, ws, oc, depthwise ? 1 : ch, k, k);
            String bias = b.bias(rand(r, oc, 0.2f), x.scale(), ws, true);
            String y = m.fresh("conv");
            m.node("Conv", List.of(b.dequantize(x), wName, bias), List.of(y), "kernel_shape", new long[] {k, k},
                    "strides", new long[] {stride, stride}, "pads", new long[] {pad, pad, pad, pad}, "group", (long) (depthwise ? ch : 1));
            std = Math.sqrt(fanIn) * 0.5 * std;
            String act = y;
            if (r.nextBoolean()) {
                act = m.fresh("relu");
                m.node("Relu", List.of(y), List.of(act));
            }
            int nh = (hh + 2 * pad - k) / stride + 1, nw = (ww + 2 * pad - k) / stride + 1;
            QdqBuilder.Q yq = b.quantize(act, b.scaleFor(std), b.zp());
            if (depthwise && nh == hh && nw == ww) { // residual
                String sum = m.fresh("add");
                m.node("Add", List.of(b.dequantize(yq), b.dequantize(x)), List.of(sum));
                std = Math.sqrt(std * std + 1);
                yq = b.quantize(sum, b.scaleFor(std), b.zp());
            }
            x = yq;
            ch = oc; hh = nh; ww = nw;
            if (oneLayer) {
                m.node("Identity", List.of(x.name()), List.of("y"));
                m.output("y", uint8 ? OnnxProto.UINT8 : OnnxProto.INT8, 1, ch, hh, ww);
                return new Model(m.build(), ch * hh * ww);
            }
            if (layer == 0 && hh >= 4) { // pools keep their input's quantization (as ORT's quantizer does)
                String p = m.fresh("pool");
                m.node(r.nextBoolean() ? "MaxPool" : "AveragePool", List.of(b.dequantize(x)), List.of(p), "kernel_shape", new long[] {2, 2},
                        "strides", new long[] {2, 2});
                x = b.quantize(p, x.scale(), uint8 ? x.zp() - 128 : x.zp());
                hh /= 2; ww /= 2;
            }
        }
        String gap = m.fresh("gap"), flat = m.fresh("flat");
        m.node("GlobalAveragePool", List.of(b.dequantize(x)), List.of(gap));
        QdqBuilder.Q gq = b.quantize(gap, b.scaleFor(std * 0.7), b.zp());
        m.node("Flatten", List.of(b.dequantize(gq)), List.of(flat), "axis", 1L);
        QdqBuilder.Q fq = b.quantize(flat, gq.scale(), uint8 ? gq.zp() - 128 : gq.zp());
        int classes = 5;
        float[] gs = new float[1];
        String gw = b.weights(rand(r, classes * ch, 0.5f), false, 1, gs, classes, ch);
        String gb = b.bias(rand(r, classes, 0.2f), fq.scale(), gs, false);
        String logits = m.fresh("logits");
        m.node("Gemm", List.of(b.dequantize(fq), gw, gb), List.of(logits), "transB", 1L);
        QdqBuilder.Q out = b.quantize(logits, b.scaleFor(std * 0.7 * Math.sqrt(ch) * 0.5), b.zp());
        m.node("Identity", List.of(out.name()), List.of("y"));
        m.output("y", uint8 ? OnnxProto.UINT8 : OnnxProto.INT8, 1, classes);
        return new Model(m.build(), classes);
    }

    /** One conv (+ relu, + residual add) per model: every element equal or 1 LSB apart. */
    @Test void singleQdqLayersAgreeWithOnnxRuntimeWithinOneLsb() throws Exception {
        compare(true, 1);
    }

    /**
     * Whole CNNs (5 to 7 quantized steps): a 1-LSB difference in a hidden layer can grow through the next
     * layers' weights, so the end-to-end bound is 2 LSB. ONNX's own float-defined path (our interpreter
     * without the lowering) differs from ORT's fused integer kernels in the same way; both counts are printed.
     */
    @Test void randomQdqCnnsAgreeWithOnnxRuntime() throws Exception {
        compare(false, 2);
    }

    /**
     * QOperator models as ONNX Runtime's quantizer writes them: QuantizeLinear, two QLinearConv (int8
     * per-channel weights, int32 bias), QLinearAdd and QLinearMul of their results, QLinearGlobalAveragePool
     * of each, QLinearConcat; int8 or uint8. Lowered to int8 ops (checked), within 1 LSB of ORT (counted).
     */
    @Test void randomQOperatorModelsAgreeWithOnnxRuntime() throws Exception {
        OrtEnvironment env = ort();
        int models = 10, elements = 0, differing = 0, twoApart = 0;
        for (int s0 = 0; s0 < models; s0++) {
            final int seed = s0;
            Random r = new Random(2000 + seed);
            boolean uint8 = seed % 2 == 0;
            int c = 1 + r.nextInt(3), h = 5 + r.nextInt(6), w = 5 + r.nextInt(6), oc = 2 + r.nextInt(5);
            QdqBuilder b = new QdqBuilder(r, uint8);
            OnnxModelWriter m = b.m;
            m.input("x", 1, c, h, w);
            QdqBuilder.Q xq = b.quantize("x", b.scaleFor(1.0), b.zp());
            QdqBuilder.Q y1 = qlinearConv(b, xq, c, oc, 3, 0.5 * 3 * Math.sqrt(c));
            QdqBuilder.Q y2 = qlinearConv(b, y1, oc, oc, 1, y1.scale() * 127 / 3 * 0.5 * Math.sqrt(oc) / 3);
            QdqBuilder.Q sum = qlinear(b, "QLinearAdd", y1, y2, b.scaleFor(Math.hypot(y1.scale(), y2.scale()) * 127 / 3));
            QdqBuilder.Q prod = qlinear(b, "QLinearMul", y1, y2, b.scaleFor(y1.scale() * y2.scale() * 127 * 127 / 9));
            QdqBuilder.Q g1 = gap(b, sum), g2 = gap(b, prod);
            QdqBuilder.Q cat = new QdqBuilder.Q(m.fresh("cat"), g1.scale(), g1.zp());
            m.node("com.microsoft", "QLinearConcat", List.of(b.scalar(cat.scale()), b.zeroPoint(cat.zp()),
                    g1.name(), b.scalar(g1.scale()), b.zeroPoint(g1.zp()), g2.name(), b.scalar(g2.scale()), b.zeroPoint(g2.zp())),
                    List.of(cat.name()), "axis", 1L);
            m.node("Identity", List.of(cat.name()), List.of("y"));
            m.output("y", uint8 ? OnnxProto.UINT8 : OnnxProto.INT8, 1, 2 * oc, 1, 1);
            byte[] model = m.build();
            float[] x = rand(r, c * h * w, 1f);
            byte[] want;
            try (OrtSession s = env.createSession(model, new OrtSession.SessionOptions());
                 OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, c, h, w});
                 OrtSession.Result res = s.run(Map.of("x", in))) {
                java.nio.ByteBuffer bb = ((OnnxTensor) res.get(0)).getByteBuffer();
                want = new byte[bb.remaining()];
                bb.get(want);
            }
            Graph g = OnnxReader.read(model);
            Pipeline.parse(Compiler.DEFAULT_PIPELINE).run(g);
            for (Node n : g.nodes())
                assertTrue(!n.output().type().elementType().isFloat() && n.kind() != OpKind.CAST,
                        () -> "seed " + seed + ": not lowered to int8: " + n + "\n" + dev.tinyforge.ir.text.IrPrinter.print(g));
            Tensor got = new Interpreter().run(g, List.of(Tensor.wrap(new TensorType(ElementType.FLOAT32, 1, c, h, w), x))).get(0);
            for (int i = 0; i < want.length; i++) {
                long wv = uint8 ? want[i] & 0xFF : want[i];
                long d = Math.abs(got.getLong(i) - wv);
                assertTrue(d <= 1, "seed " + seed + " element " + i + ": " + got.getLong(i) + " vs ORT " + wv);
                elements++;
                if (d != 0) differing++;
                if (d == 2) twoApart++;
            }
        }
        System.out.println(models + " random QOperator models (QLinearConv, QLinearAdd, QLinearMul, QLinearGlobalAveragePool, "
                + "QLinearConcat; int8 and uint8) vs ONNX Runtime: " + (elements - differing) + " of " + elements
                + " output elements equal, " + (differing - twoApart) + " 1 LSB apart, " + twoApart + " 2 LSB apart");
    }

    private static QdqBuilder.Q qlinearConv(QdqBuilder b, QdqBuilder.Q x, int c, int oc, int k, double outStd) {
        OnnxModelWriter m = b.m;
        float[] w = rand(b.r, oc * c * k * k, 0.5f);
        float[] ws = new float[oc];
        int per = c * k * k;
        byte[] q = new byte[w.length];
        for (int o = 0; o < oc; o++) {
            float max = 1e-6f;
            for (int i = 0; i < per; i++) max = Math.max(max, Math.abs(w[o * per + i]));
            ws[o] = max / 127f;
            for (int i = 0; i < per; i++) q[o * per + i] = (byte) Math.round(w[o * per + i] / ws[o]);
        }
        int[] bias = new int[oc];
        for (int o = 0; o < oc; o++) bias[o] = Math.round((float) (b.r.nextGaussian() * 0.2) / (x.scale() * ws[o]));
        QdqBuilder.Q y = new QdqBuilder.Q(m.fresh("qconv"), b.scaleFor(outStd), b.uint8 ? b.zp() + 128 : b.zp());
        m.node("QLinearConv", List.of(x.name(), b.scalar(x.scale()), b.zeroPoint(x.zp()),
                m.initializer(OnnxProto.INT8, q, oc, c, k, k), m.initializer(ws, oc), m.initializer(OnnxProto.INT8, new byte[oc], oc),
                b.scalar(y.scale()), b.zeroPoint(y.zp()), m.int32Initializer(bias, oc)), List.of(y.name()),
                "kernel_shape", new long[] {k, k}, "pads", new long[] {k / 2, k / 2, k / 2, k / 2});
        return y;
    }

    private static QdqBuilder.Q qlinear(QdqBuilder b, String op, QdqBuilder.Q x, QdqBuilder.Q y, float scale) {
        QdqBuilder.Q out = new QdqBuilder.Q(b.m.fresh("q"), scale, b.uint8 ? b.zp() + 128 : b.zp());
        b.m.node("com.microsoft", op, List.of(x.name(), b.scalar(x.scale()), b.zeroPoint(x.zp()), y.name(), b.scalar(y.scale()),
                b.zeroPoint(y.zp()), b.scalar(out.scale()), b.zeroPoint(out.zp())), List.of(out.name()));
        return out;
    }

    private static QdqBuilder.Q gap(QdqBuilder b, QdqBuilder.Q x) {
        QdqBuilder.Q out = new QdqBuilder.Q(b.m.fresh("gap"), x.scale() * 0.5f, x.zp());
        b.m.node("com.microsoft", "QLinearGlobalAveragePool", List.of(x.name(), b.scalar(x.scale()), b.zeroPoint(x.zp()),
                b.scalar(out.scale()), b.zeroPoint(out.zp())), List.of(out.name()), "channels_last", 0L);
        return out;
    }

    private static void compare(boolean oneLayer, int bound) throws Exception {
        OrtEnvironment env = ort();
        int models = 20, elements = 0, maxDiff = 0, floatPathDiffering = 0;
        int[] histogram = new int[bound + 1];
        int cBuilds = 0;
        for (int s0 = 0; s0 < models; s0++) {
            final int seed = s0;
            Random r = new Random(1000 + seed);
            boolean uint8 = seed % 3 == 0;
            int c = 1 + r.nextInt(3), h = 8 + r.nextInt(8), w = 8 + r.nextInt(8);
            Model model = randomQdqCnn(r, uint8, c, h, w, oneLayer);
            float[] x = rand(r, c * h * w, 1f);
            byte[] want;
            OrtSession.SessionOptions so = new OrtSession.SessionOptions();
            if (System.getProperty("qdq.noopt") != null) so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession s = env.createSession(model.bytes(), so);
                 OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, c, h, w});
                 OrtSession.Result res = s.run(Map.of("x", in))) {
                java.nio.ByteBuffer bb = ((OnnxTensor) res.get(0)).getByteBuffer();
                want = new byte[bb.remaining()];
                bb.get(want);
            }
            Graph gf = OnnxReader.read(model.bytes());
            Tensor ref = new Interpreter().run(gf, List.of(Tensor.wrap(new TensorType(ElementType.FLOAT32, 1, c, h, w), x))).get(0);
            for (int i = 0; i < want.length; i++) if (ref.getLong(i) != (uint8 ? want[i] & 0xFF : want[i])) floatPathDiffering++;
            Graph g = OnnxReader.read(model.bytes());
            Pipeline.parse(Compiler.DEFAULT_PIPELINE).run(g);
            for (Node n : g.nodes()) {
                boolean floatCompute = n.output().type().elementType().isFloat() && n.kind() != OpKind.DEQUANTIZE;
                assertTrue(!floatCompute && n.kind() != OpKind.CAST, () -> "seed " + seed + ": not lowered to int8: " + n + " " + n.output().type() + "\n" + dev.tinyforge.ir.text.IrPrinter.print(g));
            }
            Tensor input = Tensor.wrap(new TensorType(ElementType.FLOAT32, 1, c, h, w), x);
            Tensor got = new Interpreter().run(g, List.of(input)).get(0);
            if (!oneLayer && seed < C_BUILDS) { // the generated C computes the same bytes as the interpreter
                Graph gc = OnnxReader.read(model.bytes());
                byte[] cOut = dev.tinyforge.testing.HostBuilds.build(gc, "qdq-" + seed).run(input.toBytes());
                org.junit.jupiter.api.Assertions.assertArrayEquals(got.toBytes(), cOut, "seed " + seed + ": generated C vs interpreter");
                cBuilds++;
            }
            assertEquals(uint8 ? ElementType.UINT8 : ElementType.INT8, got.type().elementType());
            for (int i = 0; i < want.length; i++) {
                long wv = uint8 ? want[i] & 0xFF : want[i];
                long d = Math.abs(got.getLong(i) - wv);
                assertTrue(d <= bound, "seed " + seed + " element " + i + ": " + got.getLong(i) + " vs ORT " + wv);
                elements++;
                histogram[(int) d]++;
                maxDiff = Math.max(maxDiff, (int) d);
            }
        }
        System.out.println(models + (oneLayer ? " random single-layer QDQ models" : " random QDQ CNNs") + " (int8 and uint8), "
                + elements + " output elements: tinyforge's int8 lowering vs ONNX Runtime: " + histogram[0] + " equal"
                + (histogram.length > 1 ? ", " + histogram[1] + " 1 LSB apart" : "") + (histogram.length > 2 ? ", " + histogram[2] + " 2 LSB apart" : "")
                + "; ONNX's float-defined QDQ arithmetic (interpreter, no lowering) vs ORT: " + floatPathDiffering + " differ"
                + (cBuilds > 0 ? "; generated C (gcc, host) equals the interpreter on " + cBuilds + " models" : ""));
    }
}
