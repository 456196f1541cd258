package dev.tinyforge.testmodels;

import dev.tinyforge.frontend.tflite.GraphStructure;
import dev.tinyforge.frontend.tflite.TfliteReader;
import dev.tinyforge.frontend.tflite.TfliteWriter;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Value;
import dev.tinyforge.ir.Verifier;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Every generated model reads back through the TFLite reader as the same verified graph, within size budgets. */
class TestModelsReadBackTest {

    @Test void everyModelReadsBackVerifiedAndUnchanged() {
        for (GeneratedModel m : GeneratedModels.all().values()) {
            byte[] bytes = TfliteWriter.write(m.graph());
            assertTrue(bytes.length < 200_000, m.name() + " is " + bytes.length + " bytes");
            Graph back = TfliteReader.read(bytes, m.name() + ".tflite");
            Verifier.verify(back);
            GraphStructure.assertSame(m.graph(), back);
        }
    }

    @Test void modelsUseTheOpsTheBriefAsksFor() {
        assertUses(TinyConvnetModel.NAME, OpKind.CONV_2D, OpKind.DEPTHWISE_CONV_2D, OpKind.AVERAGE_POOL_2D,
                OpKind.FULLY_CONNECTED, OpKind.SOFTMAX);
        assertUses(ResidualModel.NAME, OpKind.ADD, OpKind.MEAN, OpKind.MUL, OpKind.PAD, OpKind.MAX_POOL_2D,
                OpKind.CONCATENATION, OpKind.TRANSPOSE, OpKind.RESHAPE, OpKind.FULLY_CONNECTED);
        assertUses(OpsZooModel.NAME, OpKind.QUANTIZE, OpKind.STRIDED_SLICE, OpKind.SPLIT, OpKind.PACK, OpKind.UNPACK,
                OpKind.SUB, OpKind.MAXIMUM, OpKind.MINIMUM, OpKind.LOGISTIC, OpKind.TANH, OpKind.HARD_SWISH,
                OpKind.LEAKY_RELU, OpKind.PRELU, OpKind.RESIZE_NEAREST_NEIGHBOR, OpKind.RESIZE_BILINEAR, OpKind.RELU,
                OpKind.RELU6, OpKind.LOG_SOFTMAX, OpKind.DEQUANTIZE);
        assertEquals(2, GeneratedModels.all().get(OpsZooModel.NAME).graph().inputs().size());
        assertEquals(2, GeneratedModels.all().get(ResidualModel.NAME).graph().outputs().size());
    }

    @Test void residualAddJoinsDifferentScalesAndSeMulBroadcasts() {
        Graph g = GeneratedModels.all().get(ResidualModel.NAME).graph();
        Node add = g.nodes().stream().filter(n -> n.kind() == OpKind.ADD).findFirst().orElseThrow();
        assertNotEquals(add.input(0).type().quant(), add.input(1).type().quant());
        Node mul = g.nodes().stream().filter(n -> n.kind() == OpKind.MUL).findFirst().orElseThrow();
        assertArrayEquals(new int[] {1, 1, 1, 8}, mul.input(1).type().shape());
    }

    @Test void microKwsFitsACortexM0WithMargin() {
        Graph g = GeneratedModels.all().get(MicroKwsModel.NAME).graph();
        // A sequential model needs at most the input and output of one node at a time.
        long worstPair = 0;
        for (Node n : g.nodes()) {
            long bytes = n.output().type().byteSize();
            for (Value in : n.inputs()) if (in != null && !in.isConstant()) bytes += in.type().byteSize();
            worstPair = Math.max(worstPair, bytes);
        }
        assertTrue(worstPair < 4096, "activations of one node take " + worstPair + " bytes");
        assertTrue(ModelStats.constantBytes(g) < 16 * 1024, "weights take " + ModelStats.constantBytes(g) + " bytes");
    }

    private static void assertUses(String model, OpKind... kinds) {
        Set<OpKind> used = EnumSet.noneOf(OpKind.class);
        for (Node n : GeneratedModels.all().get(model).graph().nodes()) used.add(n.kind());
        for (OpKind k : kinds) assertTrue(used.contains(k), model + " does not use " + k);
    }
}
