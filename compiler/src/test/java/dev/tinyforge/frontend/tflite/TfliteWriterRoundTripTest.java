package dev.tinyforge.frontend.tflite;

import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Verifier;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** write -> read gives the same graph, for a graph using every op the reader takes. */
class TfliteWriterRoundTripTest {

    @Test void everyOpSurvivesWriteThenRead() {
        Graph g = AllOpsGraph.build();
        Verifier.verify(g);
        Graph back = TfliteReader.read(TfliteWriter.write(g), "all_ops.tflite");
        GraphStructure.assertSame(g, back);
    }

    @Test void fixtureCoversEveryOpKindButSvdf() {
        Set<OpKind> used = EnumSet.noneOf(OpKind.class);
        for (Node n : AllOpsGraph.build().nodes()) used.add(n.kind());
        Set<OpKind> missing = EnumSet.complementOf(EnumSet.copyOf(used));
        Set<OpKind> expected = EnumSet.of(OpKind.SVDF);
        for (OpKind k : OpKind.values()) if (k.isBeyondTflite()) expected.add(k); // ONNX-only kinds, no TFLite builtin
        assertEquals(expected, missing);
    }

    @Test void writingTwiceGivesTheSameBytes() {
        assertArrayEquals(TfliteWriter.write(AllOpsGraph.build()), TfliteWriter.write(AllOpsGraph.build()));
    }

    @Test void readingBackAWrittenFileAndWritingAgainIsAFixedPoint() {
        byte[] once = TfliteWriter.write(AllOpsGraph.build());
        Graph back = TfliteReader.read(once, "all_ops.tflite");
        back.setName("all_ops");
        assertArrayEquals(once, TfliteWriter.write(back));
    }

    @Test void explicitPadReadsBackAsPadThenValidConv() {
        Graph g = TfliteWriterFieldsTest.conv(new int[] {1, 1, 0, 0}, 8, 8);
        Graph back = TfliteReader.read(TfliteWriter.write(g), "conv.tflite");
        assertEquals(2, back.nodes().size());
        Node pad = back.nodes().get(0), conv = back.nodes().get(1);
        assertEquals(OpKind.PAD, pad.kind());
        assertArrayEquals(new int[] {0, 0, 1, 0, 1, 0, 0, 0}, pad.attrs(Attrs.Pad.class).pads());
        assertEquals(-3.0, pad.attrs(Attrs.Pad.class).value(), "pads with the input's zero point");
        assertEquals(OpKind.CONV_2D, conv.kind());
        assertArrayEquals(new int[] {0, 0, 0, 0}, conv.attrs(Attrs.Conv2D.class).pads());
        assertSame(pad.output(), conv.input(0));
        assertEquals(g.outputs().get(0).type(), back.outputs().get(0).type());
    }
}
