package dev.tinyforge.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;
import dev.tinyforge.quant.Rounding;

/**
 * TFLM's SVDF unit-test case "2x2 input, 2x4 output" (tensorflow/tflite-micro
 * tensorflow/lite/micro/kernels/svdf_test.cc: input_data_2x2x10, feature_weights_data_2x2x10,
 * time_weights_data_2x2x10, bias_data_2x2x10, golden_output_2x2x10, and the quantization of
 * SvdfQuantized2x2Input2x4OutputShouldMatchGolden): batch 2, 4 units, input size 2, memory 10, rank 2,
 * fed 10 invocations in sequence on one interpreter, so the state carries over. TFLM checks its float
 * kernel within 1e-5 and its int8 kernels within one output step of the quantized float golden.
 */
public final class SvdfTflmVectors {
    private SvdfTflmVectors() {}

    public static final int BATCH = 2, UNITS = 4, INPUT = 2, MEMORY = 10, RANK = 2, FILTERS = UNITS * RANK, STEPS = 10;

    public static final float[] INPUT_DATA = {
        0.12609188f, -0.46347019f, 0.35867718f, 0.36897406f,
        0.14278367f, -1.64410412f, -0.57290924f, 0.12729003f,
        0.49837467f, 0.19278903f, 0.17660543f, 0.52949083f,
        -0.11186574f, 0.13164264f, -0.72674477f, -0.5683046f,
        -0.68892461f, 0.37783599f, -0.63690937f, 0.44483393f,
        -0.81299269f, -0.86831826f, -0.95760226f, 1.82078898f,
        -1.45006323f, -0.82251364f, -1.65087092f, -1.89238167f,
        0.03966608f, -0.24936394f, 2.06740379f, -1.51439476f,
        0.11771342f, -0.23761693f, 0.31088525f, -1.55601168f,
        -0.89477462f, 1.67204106f, -0.6230064f, 0.29819036f,
    };

    public static final float[] FEATURE_WEIGHTS = {
        -0.31930989f, 0.0079667f, 0.39296314f, 0.37613347f, 0.12416199f, 0.15785322f,
        0.27901134f, 0.3905206f, 0.21931258f, -0.36137494f, -0.10640851f, 0.31053296f,
        -0.36118156f, -0.0976817f, -0.36916667f, 0.22197971f,
    };

    public static final float[] TIME_WEIGHTS = {
        -0.31930989f, 0.37613347f, 0.27901134f, -0.36137494f, -0.36118156f,
        0.22197971f, 0.27557442f, -0.06634006f, 0.0079667f, 0.12416199f,
        0.3905206f, -0.10640851f, -0.0976817f, 0.15294972f, 0.39635518f,
        -0.02702999f, 0.39296314f, 0.15785322f, 0.21931258f, 0.31053296f,
        -0.36916667f, 0.38031587f, -0.21580373f, 0.27072677f, 0.23622236f,
        0.34936687f, 0.18174365f, 0.35907319f, -0.17493086f, 0.324846f,
        -0.10781813f, 0.27201805f, 0.14324132f, -0.23681851f, -0.27115166f,
        -0.01580888f, -0.14943552f, 0.15465137f, 0.09784451f, -0.0337657f,
        -0.14884081f, 0.19931212f, -0.36002168f, 0.34663299f, -0.11405486f,
        0.12672701f, 0.39463779f, -0.07886535f, -0.06384811f, 0.08249187f,
        -0.26816407f, -0.19905911f, 0.29211238f, 0.31264046f, -0.28664589f,
        0.05698794f, 0.11613581f, 0.14078894f, 0.02187902f, -0.21781836f,
        -0.15567942f, 0.08693647f, -0.38256618f, 0.36580828f, -0.22922277f,
        -0.0226903f, 0.12878349f, -0.28122205f, -0.10850525f, -0.11955214f,
        0.27179423f, -0.04710215f, 0.31069002f, 0.22672787f, 0.09580326f,
        0.08682203f, 0.1258215f, 0.1851041f, 0.29228821f, 0.12366763f,
    };

    /** bias_data_2x2x10 is all zero. */
    public static final float[] BIAS = new float[UNITS];

    public static final float[] GOLDEN_OUTPUT = {
        -0.044205f, -0.013757f, 0.050369f, -0.018447f, 0.073010f, 0.025142f, -0.021154f, 0.013551f,
        -0.209613f, -0.062421f, 0.150209f, -0.108334f, 0.028256f, -0.006950f, -0.030885f, 0.009603f,
        -0.076800f, -0.037075f, -0.087198f, -0.155183f, 0.091069f, 0.098446f, -0.016083f, 0.106475f,
        -0.082123f, -0.162238f, -0.084434f, -0.141074f, -0.029340f, -0.090685f, 0.053302f, -0.030604f,
        -0.201440f, 0.088424f, 0.139877f, 0.012416f, -0.113212f, 0.103893f, -0.100842f, 0.122780f,
        -0.166632f, -0.116705f, 0.175298f, -0.047163f, 0.313077f, -0.166485f, -0.285860f, 0.129069f,
        -0.625911f, 0.046134f, 0.138081f, -0.129581f, -0.521455f, -0.061579f, 0.230289f, 0.114963f,
        -0.216693f, -0.161643f, -0.179177f, -0.052599f, -0.213239f, 0.029502f, 0.260858f, 0.275045f,
        -0.213689f, -0.323608f, -0.285635f, -0.317687f, -0.324092f, -0.317972f, -0.208450f, -0.462504f,
        -0.255126f, -0.218576f, -0.041528f, 0.179421f, -0.440583f, 0.072127f, -0.284136f, 0.241570f,
    };

    /** The scales of SvdfQuantized2x2Input2x4OutputShouldMatchGolden for state type int8 or int16 (as floats, like the test). */
    public record Scales(float input, float featureWeights, float timeWeights, float state, float output) {
        public static Scales of(ElementType stateType) {
            double max = stateType == ElementType.INT16 ? Short.MAX_VALUE : Byte.MAX_VALUE;
            return new Scales((float) (2.5 / 127), (float) (1.0 / 127), (float) (1.0 / max), (float) (1.49 / max), (float) (1.0 / 127));
        }
    }

    /** tflite::Quantize: round half away from zero, plus the zero point, clamped to the type. */
    public static Tensor quantize(TensorType t, float[] x, int from) {
        Tensor r = Tensor.zeros(t);
        float scale = t.quant().scale();
        int zp = t.quant().zeroPoint();
        long min = t.elementType() == ElementType.INT16 ? Short.MIN_VALUE : t.elementType() == ElementType.INT32 ? Integer.MIN_VALUE : Byte.MIN_VALUE;
        long max = t.elementType() == ElementType.INT16 ? Short.MAX_VALUE : t.elementType() == ElementType.INT32 ? Integer.MAX_VALUE : Byte.MAX_VALUE;
        for (int i = 0; i < r.size(); i++)
            r.setLong(i, Math.max(min, Math.min(max, (long) Rounding.round(x[from + i] / scale) + zp)));
        return r;
    }

    /** The one-node SVDF graph; {@code stateType} FLOAT32 builds the float case. */
    public static Graph graph(ElementType stateType) {
        Graph g = new Graph("svdf_tflm_2x2x10");
        boolean f = stateType == ElementType.FLOAT32;
        Scales s = f ? null : Scales.of(stateType);
        ElementType io = f ? ElementType.FLOAT32 : ElementType.INT8;
        Value x = g.addInput("input", new TensorType(io, new int[] {BATCH, INPUT}, f ? null : Quant.perTensor(s.input(), 0)));
        Value wf = g.newConstant("weights_feature", constant(f ? null : new TensorType(ElementType.INT8, new int[] {FILTERS, INPUT},
                Quant.perTensor(s.featureWeights(), 0)), new int[] {FILTERS, INPUT}, FEATURE_WEIGHTS));
        Value wt = g.newConstant("weights_time", constant(f ? null : new TensorType(stateType, new int[] {FILTERS, MEMORY},
                Quant.perTensor(s.timeWeights(), 0)), new int[] {FILTERS, MEMORY}, TIME_WEIGHTS));
        Value bias = g.newConstant("bias", constant(f ? null : new TensorType(ElementType.INT32, new int[] {UNITS},
                Quant.perTensor(s.timeWeights() * s.state(), 0)), new int[] {UNITS}, BIAS));
        Value state = g.newVariable("activation_state", new TensorType(stateType, new int[] {BATCH, MEMORY * FILTERS},
                f ? null : Quant.perTensor(s.state(), 0)));
        Value out = g.newValue("output", new TensorType(io, new int[] {BATCH, UNITS}, f ? null : Quant.perTensor(s.output(), 0)));
        // kTfLiteActRelu for the quantized case (TFLM's int8 kernel ignores it), none for the float case
        g.addNode("svdf", OpKind.SVDF, new Attrs.Svdf(RANK, f ? Activation.NONE : Activation.RELU),
                Arrays.asList(x, wf, wt, bias, state), List.of(out));
        g.addOutput(out);
        return g;
    }

    private static Tensor constant(TensorType quantized, int[] shape, float[] data) {
        if (quantized == null) return Tensor.wrap(new TensorType(ElementType.FLOAT32, shape), data.clone());
        return quantize(quantized, data, 0);
    }

    /** Invocation k's input, quantized for the graph's input type. */
    public static Tensor input(Graph g, int k) {
        TensorType t = g.inputs().get(0).type();
        int n = BATCH * INPUT;
        if (t.elementType() == ElementType.FLOAT32) return Tensor.wrap(t, Arrays.copyOfRange(INPUT_DATA, k * n, (k + 1) * n));
        return quantize(t, INPUT_DATA, k * n);
    }

    /** Invocation k's golden output (float), quantized to the output type for the int8 cases. */
    public static Tensor golden(Graph g, int k) {
        TensorType t = g.outputs().get(0).type();
        int n = BATCH * UNITS;
        if (t.elementType() == ElementType.FLOAT32) return Tensor.wrap(t, Arrays.copyOfRange(GOLDEN_OUTPUT, k * n, (k + 1) * n));
        return quantize(t, GOLDEN_OUTPUT, k * n);
    }

    public static List<Tensor> inputs(Graph g) {
        List<Tensor> r = new ArrayList<>();
        for (int k = 0; k < STEPS; k++) r.add(input(g, k));
        return r;
    }
}
