package dev.tinyforge.testmodels;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Value;
import org.junit.jupiter.api.Test;

import java.util.IdentityHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The quantizer's choices on a tiny graph with hand-set ranges. */
class PostTrainingQuantizerTest {

    private static Node node(Graph g, String name) {
        return g.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    @Test void weightsBiasesFixedAndSharedQuantization() {
        FloatGraphBuilder b = new FloatGraphBuilder("t", 1);
        Value x = b.input("x", 1, 2, 2, 1);
        // Two 1x1 convs with 2 output channels: weights {0.5, -1} and {2, 0.25}; biases {0.1, -0.2}.
        Value c1 = b.conv("c1", x, new float[] {0.5f, -1f}, new int[] {2, 1, 1, 1}, new float[] {0.1f, -0.2f},
                new int[] {1, 1}, new int[] {1, 1}, FloatGraphBuilder.Padding.VALID, Activation.NONE);
        Value c2 = b.conv("c2", x, new float[] {2f, 0.25f}, new int[] {2, 1, 1, 1}, null,
                new int[] {1, 1}, new int[] {1, 1}, FloatGraphBuilder.Padding.VALID, Activation.NONE);
        Value cat = b.concat("cat", 3, c1, c2);
        b.output(b.unary("sig", OpKind.LOGISTIC, cat));

        Map<Value, float[]> ranges = new IdentityHashMap<>();
        ranges.put(x, new float[] {0f, 1f});
        ranges.put(c1, new float[] {-1f, 0.5f});
        ranges.put(c2, new float[] {0f, 2.55f});
        ranges.put(cat, new float[] {-1f, 2f});
        ranges.put(b.graph().outputs().get(0), new float[] {0.2f, 0.9f});
        Graph q = PostTrainingQuantizer.quantize(b.graph(), ranges);

        assertEquals(Quant.perTensor(1f / 255, -128), q.inputs().get(0).type().quant());
        Node conv = node(q, "c1");
        Quant wq = conv.input(1).type().quant();
        assertArrayEquals(new float[] {0.5f / 127, 1f / 127}, wq.scales(), 1e-9f);
        assertArrayEquals(new byte[] {127, -127}, conv.input(1).constant().int8());
        // Bias scale = input scale x weight scale; 0.1 / (1/255 * 0.5/127) = 6477, -0.2 / (1/255 * 1/127) = -6477.
        assertEquals(ElementType.INT32, conv.input(2).type().elementType());
        assertArrayEquals(new int[] {6477, -6477}, conv.input(2).constant().int32());
        assertEquals((float) (1.0 / 255 * (0.5f / 127)), conv.input(2).type().quant().scale(0), 1e-12);
        assertNull(node(q, "c2").input(2), "absent bias stays absent");

        // Concatenation shares one quantization over the union of its inputs' and output's ranges: [-1, 2.55].
        Quant shared = QuantParams.asymmetric(-1, 2.55);
        assertEquals(shared, node(q, "c1").output().type().quant());
        assertEquals(shared, node(q, "c2").output().type().quant());
        assertEquals(shared, node(q, "cat").output().type().quant());
        assertEquals(Quant.perTensor(1f / 256, -128), q.outputs().get(0).type().quant(), "LOGISTIC output is fixed");
    }

    @Test void quantizeAndDequantizeBoundariesStayFloat() {
        FloatGraphBuilder b = new FloatGraphBuilder("t", 1);
        Value x = b.input("x", 1, 4);
        Value xq = b.quantize("q", x);
        Value r = b.unary("relu", OpKind.RELU, xq);
        b.output(b.dequantize("dq", r));
        Map<Value, float[]> ranges = new IdentityHashMap<>();
        ranges.put(x, new float[] {-1, 1});
        ranges.put(xq, new float[] {-1, 1});
        ranges.put(r, new float[] {0, 1});
        ranges.put(b.graph().outputs().get(0), new float[] {0, 1});
        Graph q = PostTrainingQuantizer.quantize(b.graph(), ranges);
        assertEquals(ElementType.FLOAT32, q.inputs().get(0).type().elementType());
        assertEquals(ElementType.INT8, node(q, "q").output().type().elementType());
        assertEquals(ElementType.INT8, node(q, "relu").output().type().elementType());
        assertEquals(ElementType.FLOAT32, q.outputs().get(0).type().elementType());
    }
}
