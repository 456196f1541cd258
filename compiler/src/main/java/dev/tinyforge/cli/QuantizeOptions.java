package dev.tinyforge.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.quant.calibration.ActivationRanges;
import dev.tinyforge.quant.calibration.CalibrationSet;
import dev.tinyforge.quant.calibration.LayerSqnr;
import dev.tinyforge.quant.calibration.PostTrainingQuantizer;
import picocli.CommandLine.Option;

/** The post-training quantization flags of compile: --quantize int8 --calibration DIR|random ... */
final class QuantizeOptions {
    @Option(names = "--quantize", paramLabel = "TYPE", description = "quantize a float model after training: int8")
    String quantize;

    @Option(names = "--calibration", paramLabel = "DIR", description = "folder of .npy files or images; 'random' for uniform noise (a labelled fallback)")
    String calibration;

    @Option(names = "--calibrator", defaultValue = "minmax", description = "minmax, percentile or entropy (default: ${DEFAULT-VALUE})")
    String calibrator;

    @Option(names = "--mean", split = ",", defaultValue = "0", description = "image normalization mean per channel (pixel/255 scale)")
    float[] mean;

    @Option(names = "--std", split = ",", defaultValue = "1", description = "image normalization std per channel")
    float[] std;

    @Option(names = "--layout", defaultValue = "auto", description = "image layout of the model input: nchw, nhwc or auto (nchw for .onnx graphs whose input has 1 or 3 channels first)")
    String layout;

    Graph apply(Graph g, PrintStream out) {
        if (quantize == null) return g;
        if (!quantize.equals("int8")) throw new CompileException("--quantize supports int8 only");
        if (calibration == null) throw new CompileException("--quantize int8 needs --calibration DIR (or --calibration random)");
        if (g.inputs().size() != 1 || g.inputs().get(0).type().elementType() != ElementType.FLOAT32)
            throw new CompileException("--quantize needs a float model with one float input");
        var input = g.inputs().get(0).type();
        List<List<Tensor>> samples;
        if (calibration.equals("random")) {
            out.println("WARNING: calibrating on random noise (--calibration random): ranges will not match real data");
            samples = CalibrationSet.random(input, 16);
        } else {
            boolean nchw = layout.equals("nchw") || (layout.equals("auto") && input.rank() == 4 && (input.dim(1) == 1 || input.dim(1) == 3)
                    && input.dim(3) != 1 && input.dim(3) != 3);
            samples = CalibrationSet.load(Path.of(calibration), input, new CalibrationSet.ImageOptions(mean, std, nchw));
        }
        PostTrainingQuantizer.Result q = PostTrainingQuantizer.quantize(g, ActivationRanges.measure(g, samples, calibrator));
        out.println("int8 vs float on the calibration set (" + samples.size() + " samples, " + calibrator + "):");
        out.print(LayerSqnr.table(LayerSqnr.measure(g, q, samples)));
        return q.graph();
    }
}
