package dev.tinyforge.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tinyforge.Compiler;
import dev.tinyforge.interp.Interpreter;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Verifier;
import dev.tinyforge.quant.calibration.ActivationRanges;
import dev.tinyforge.quant.calibration.LayerSqnr;
import dev.tinyforge.quant.calibration.PostTrainingQuantizer;
import dev.tinyforge.testing.Shared;

/**
 * PTQ of MLPerf Tiny's float models against TFLM's float goldens. The shared data has no real
 * calibration set for these models, so calibration uses 16 inputs drawn like the goldens' (uniform in
 * [-1, 1), other seeds) and the evaluation uses the three golden inputs, which calibration never saw.
 */
class PtqGoldenTest {

    static List<Tensor> randomSamples(TensorType t, int count, long seed) {
        java.util.Random r = new java.util.Random(seed);
        List<Tensor> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Tensor x = Tensor.zeros(t);
            for (int i = 0; i < x.size(); i++) x.float32()[i] = r.nextFloat() * 2 - 1;
            out.add(x);
        }
        return out;
    }

    static int argmax(Tensor t) {
        int best = 0;
        for (int i = 1; i < t.size(); i++) if (t.getDouble(i) > t.getDouble(best)) best = i;
        return best;
    }

    @ParameterizedTest
    @CsvSource({"vww_96_float, vww_96_int8, minmax", "vww_96_float, vww_96_int8, percentile",
            "vww_96_float, vww_96_int8, entropy",
            "ad01_fp32, ad01_int8, minmax", "ad01_fp32, ad01_int8, percentile", "ad01_fp32, ad01_int8, entropy"})
    void int8TracksFloat(String model, String mlcommonsInt8, String calibrator) throws IOException {
        Path file = Shared.require("models/mlperf-tiny/" + model + ".tflite");
        Path golden = Shared.require("golden/" + model);
        Graph g = Compiler.load(file);
        TensorType inType = g.inputs().get(0).type();
        List<List<Tensor>> calib = new ArrayList<>();
        for (Tensor t : randomSamples(inType, 16, 7)) calib.add(List.of(t));
        PostTrainingQuantizer.Result q = PostTrainingQuantizer.quantize(g, ActivationRanges.measure(g, calib, calibrator));
        Verifier.verify(q.graph());
        long int8Convs = q.graph().nodes().stream().filter(n -> n.output().type().elementType() == ElementType.INT8).count();
        System.out.println(model + " [" + calibrator + "]: " + int8Convs + " of " + q.graph().nodes().size() + " nodes int8");

        List<List<Tensor>> eval = new ArrayList<>();
        for (int k = 0; k < 3; k++)
            eval.add(List.of(Tensor.fromBytes(inType, Files.readAllBytes(golden.resolve("input_" + k + ".bin")))));
        System.out.print(LayerSqnr.table(LayerSqnr.measure(g, q, eval)));
        if (calibrator.equals("minmax")) {
            // the quantized graph as generated C: identical bytes to the interpreter
            Graph copy = PostTrainingQuantizer.quantize(g, ActivationRanges.measure(g, calib, calibrator)).graph();
            dev.tinyforge.testing.HostBuilds.Built built = dev.tinyforge.testing.HostBuilds.build(copy, "ptq-" + model);
            for (List<Tensor> e : eval)
                org.junit.jupiter.api.Assertions.assertArrayEquals(new Interpreter().run(q.graph(), e).get(0).toBytes(),
                        built.run(e.get(0).toBytes()), "generated C vs interpreter");
            System.out.println(model + ": quantized model as generated C equals the interpreter on the golden inputs");
        }

        Graph mlc = Compiler.load(Shared.require("models/mlperf-tiny/" + mlcommonsInt8 + ".tflite"));
        Interpreter interp = new Interpreter();
        for (int k = 0; k < 3; k++) {
            TensorType outType = g.outputs().get(0).type();
            Tensor want = Tensor.fromBytes(outType, Files.readAllBytes(golden.resolve("output_" + k + ".bin")));
            Tensor ours = interp.run(q.graph(), eval.get(k)).get(0);
            Tensor theirs = runQuantizedModel(interp, mlc, eval.get(k).get(0));
            double ourSqnr = LayerSqnr.sqnr(List.of(want), List.of(ours)), theirSqnr = LayerSqnr.sqnr(List.of(want), List.of(theirs));
            System.out.printf("%s [%s] input %d: output SQNR ours %.2f dB, MLCommons int8 %.2f dB; top class float %d ours %d theirs %d%n",
                    model, calibrator, k, ourSqnr, theirSqnr, argmax(want), argmax(ours), argmax(theirs));
            if (outType.elementCount() > 1 && !model.startsWith("ad01")) assertEquals(argmax(want), argmax(ours), "top class, input " + k);
            assertTrue(ourSqnr > 10, "output SQNR " + ourSqnr + " dB");
        }
    }

    /** Runs an int8-I/O TFLite model on a float input: quantize by its input params, dequantize its output. */
    static Tensor runQuantizedModel(Interpreter interp, Graph m, Tensor x) {
        TensorType it = m.inputs().get(0).type();
        Tensor q = Tensor.zeros(it);
        for (int i = 0; i < q.size(); i++)
            q.setLong(i, Math.max(-128, Math.min(127, Math.round(x.getDouble(i) / it.quant().scale()) + it.quant().zeroPoint())));
        Tensor out = interp.run(m, List.of(q)).get(0);
        if (!out.type().isQuantized()) return out;
        Tensor f = Tensor.zeros(new TensorType(ElementType.FLOAT32, out.type().shape()));
        for (int i = 0; i < f.size(); i++) f.float32()[i] = out.type().quant().scale() * (out.getLong(i) - out.type().quant().zeroPoint());
        return f;
    }
}
