package dev.tinyforge.ir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Verifier;

class IrRoundTripTest {

    static Stream<Graph> graphs() { return IrFixtures.all().stream(); }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("graphs")
    void printParsePrintIsIdenticalAndRebuildsTheSameGraph(Graph g) {
        Verifier.verify(g);
        String text = IrPrinter.print(g);
        Graph back = IrParser.parse(text);
        GraphAssertions.assertSameStructure(g, back);
        assertEquals(text, IrPrinter.print(back));
    }

    @Test
    void fixturesCoverEveryOpKindAndEveryAttrsRecord() {
        Set<OpKind> kinds = EnumSet.noneOf(OpKind.class);
        Set<Class<?>> attrs = new HashSet<>();
        for (Graph g : IrFixtures.all())
            for (Node n : g.nodes()) {
                kinds.add(n.kind());
                attrs.add(n.attrs().getClass());
            }
        assertEquals(EnumSet.allOf(OpKind.class), kinds);
        assertEquals(new HashSet<>(Arrays.asList(Attrs.class.getPermittedSubclasses())), attrs);
    }

    @Test
    void printsTheDocumentedShape() {
        String text = IrPrinter.print(IrFixtures.int8Network());
        List<String> lines = text.lines().toList();
        assertEquals("graph @tiny_person(%input: tensor<1x8x8x1xi8, q(0.003921569, -128)>) -> (%probs) {", lines.get(0));
        // weights (i*37)%255-127: -127, -90, -53, -16, 21, 58, 95, -123 ... as two's complement bytes
        assertTrue(text.contains("  %conv_w = const tensor<4x3x3x1xi8, q(axis=0, [0.011, 0.0123, 0.009, 0.02], [0, 0, 0, 0])> "
                + "dense<\"81a6cbf0153a5f85"), text);
        // fc weights 3i-12: -12, -9, -6, -3, 0, 3, 6, 9
        assertTrue(lines.contains("  %fc_w = const tensor<2x4xi8, q(0.05, 0)> dense<\"f4f7fafd00030609\">"), text);
        assertTrue(lines.contains("  %conv = conv_2d \"MobilenetV1/Conv2d_0/Relu6\" (%input, %conv_w, %conv_b) "
                + "{pads = [0, 0, 1, 1], strides = [2, 2], dilations = [1, 1], activation = RELU6} "
                + ": tensor<1x4x4x4xi8, q(0.0235, -128)>"), text);
        assertTrue(lines.contains("  %dw = depthwise_conv_2d \"dw\" (%conv, %dw_w, none) "
                + "{pads = [1, 1, 1, 1], strides = [1, 1], dilations = [1, 1], depthMultiplier = 1, activation = NONE} "
                + ": tensor<1x4x4x4xi8, q(0.0235, -128)>"), text);
        assertTrue(lines.contains("  %flat = reshape \"flatten\" (%pool) : tensor<1x4xi8, q(0.0235, -128)>"), text);
        assertEquals("}", lines.get(lines.size() - 1));
    }

    @Test
    void multiOutputNodesListAllTheirValues() {
        String text = IrPrinter.print(IrFixtures.edgeCases());
        assertTrue(text.contains("  %u0, %u1, %u2 = unpack \"unpack\" (%b) {axis = 1} : tensor<1xf32>, tensor<1xf32>, tensor<1xf32>\n"), text);
        assertTrue(text.contains("  maximum \"sink\" (%a, %scalar)\n"), text);
        assertTrue(text.contains("(%u0, %special, %empty, none, %\"svdf state\")"), text);
    }

    @Test
    void variablesPrintAfterConstantsAndParseBackAsVariables() {
        String text = IrPrinter.print(IrFixtures.edgeCases());
        assertTrue(text.contains("  %\"svdf state\" = var tensor<1x3xf32>\n"), text);
        assertTrue(text.indexOf("= var ") > text.lastIndexOf("= const "), text);
        assertTrue(IrParser.parse(text).value("svdf state").isVariable());
    }

    @Test
    void specialFloatsAndQuotedNamesPrintReadably() {
        String text = IrPrinter.print(IrFixtures.edgeCases());
        assertTrue(text.startsWith("graph @\"edge cases: \\\"quoted\\\"\"(%\"serving_default_input:0\": tensor<1x3xf32>, "
                + "%\"q in\": tensor<1x2x2x1xi8, q(axis=3, [1.4E-45], [-128])>) -> (%cat, %\"qo größe ✓\", %\"serving_default_input:0\", %scalar) {"), text);
        assertTrue(text.contains("%scalar = const tensor<f32> dense<\"0000c07f\">"), text);
        assertTrue(text.contains("pad \"pad with \\\\ and \\\"quotes\\\"\\nnewline\" (%\"serving_default_input:0\") "
                + "{pads = [0, 0, 1, 1], value = -Infinity}"), text);
        assertTrue(text.contains("{beta = NaN}"), text);
        assertTrue(text.contains("%empty = const tensor<0x3xf32> dense<\"\">"), text);
    }

    @Test
    void elidedConstantsShowTheirSize() {
        Graph g = IrFixtures.int8Network();
        String text = IrPrinter.print(g, IrPrinter.Options.HUMAN.withElideConstantsAbove(16));
        assertTrue(text.contains("%conv_w = const tensor<4x3x3x1xi8, q(axis=0, [0.011, 0.0123, 0.009, 0.02], [0, 0, 0, 0])> dense<elided, 36 bytes>"), text);
        assertTrue(text.contains("%conv_b = const tensor<4xi32, q(axis=0, ["), text);
        // 16 bytes: kept; -70000, -30000, 10000, 50000 as little-endian int32
        assertTrue(text.contains("dense<\"90eefeffd08affff1027000050c30000\">"), text);
    }

    @Test
    void elidedTextParsesWithZeroFillWhenAskedAndReprintsTheSameElidedText() {
        Graph g = IrFixtures.int8Network();
        IrPrinter.Options human = IrPrinter.Options.HUMAN.withElideConstantsAbove(16);
        String text = IrPrinter.print(g, human);
        Graph back = IrParser.parse(text, IrParser.Options.DEFAULT.withZeroFillElidedConstants(true));
        assertEquals(text, IrPrinter.print(back, human));
        byte[] w = back.value("conv_w").constant().toBytes();
        assertEquals(36, w.length);
        for (byte b : w) assertEquals(0, b);
    }
}
