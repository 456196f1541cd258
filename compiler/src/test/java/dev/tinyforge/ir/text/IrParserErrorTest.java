package dev.tinyforge.ir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Graph;

/** Every parse problem is a one-line CompileException that says where and what was expected. */
class IrParserErrorTest {

    private static final String HEADER = "graph @g(%x: tensor<1x4xf32>) -> (%y) {\n";

    private static String error(String text) {
        CompileException e = assertThrows(CompileException.class, () -> IrParser.parse(text));
        assertTrue(!e.getMessage().contains("\n"), "one-line message: " + e.getMessage());
        return e.getMessage();
    }

    private static void assertError(String text, String expected) {
        String msg = error(text);
        assertTrue(msg.contains(expected), "expected message containing <" + expected + "> but was <" + msg + ">");
    }

    @Test
    void minimalGraphParses() {
        Graph g = IrParser.parse(HEADER + "  %y = relu \"r\" (%x) : tensor<1x4xf32>\n}\n");
        assertEquals("g", g.name());
        assertEquals(1, g.nodes().size());
        assertEquals("y", g.outputs().get(0).name());
    }

    @Test
    void syntaxErrorNamesLineColumnAndWhatWasExpected() {
        // line 2, column 22: the ':' before the type is missing
        assertError(HEADER + "  %y = relu \"r\" (%x) tensor<1x4xf32>\n}\n",
                "<ir>:2:22: extraneous input 'tensor' expecting {'}', %value, a word}");
    }

    @Test
    void strayCharacterIsReportedAtItsPosition() {
        assertError(HEADER + "  %y = relu \"r\" (%x) : tensor<1x4xf32> #\n}\n", "<ir>:2:40: extraneous input '#'");
    }

    @Test
    void expectedTokenTypesAreSpelledForPeople() {
        String msg = error("graph @g(x: tensor<1xf32>) -> (%x) {}");
        assertTrue(msg.startsWith("<ir>:1:10:"), msg);
        assertTrue(msg.contains("%value"), msg);
    }

    @Test
    void truncatedInput() {
        assertError("graph @g(%x: tensor<1xf32>) -> (%x) {\n  %y = relu \"r\" (%x", "<ir>:2:20: mismatched input '<EOF>' expecting {',', ')'}");
        assertError("graph @g(%x: tensor<1xf32>) -> (%x) {\n  %\"unterminated = relu", "<ir>:2:3: mismatched input '%' expecting {'}', %value, a word}");
    }

    @Test
    void undefinedValue() {
        assertError(HEADER + "  %y = relu \"r\" (%nope) : tensor<1x4xf32>\n}\n",
                "<ir>:2:18: undefined value %nope (operand of relu \"r\")");
    }

    @Test
    void useBeforeDefinitionIsUndefined() {
        assertError(HEADER + "  %y = relu \"a\" (%z) : tensor<1x4xf32>\n  %z = relu \"b\" (%x) : tensor<1x4xf32>\n}\n",
                "<ir>:2:18: undefined value %z");
    }

    @Test
    void undefinedGraphOutput() {
        assertError("graph @g(%x: tensor<1xf32>) -> (%out) {\n}\n", "<ir>:1:33: undefined value %out (graph output)");
    }

    @Test
    void duplicateValueName() {
        assertError(HEADER + "  %x = relu \"r\" (%x) : tensor<1x4xf32>\n}\n", "<ir>:2:3: %x is defined twice (first at 1:10)");
    }

    @Test
    void unknownOp() {
        assertError(HEADER + "  %y = frobnicate \"r\" (%x) : tensor<1x4xf32>\n}\n", "<ir>:2:8: unknown op 'frobnicate'");
    }

    @Test
    void unknownAttributeListsTheKnownOnes() {
        assertError(HEADER + "  %y = softmax \"s\" (%x) {beta = 1.0, gamma = 2} : tensor<1x4xf32>\n}\n",
                "<ir>:2:38: softmax has no attribute 'gamma'; its attributes are beta");
    }

    @Test
    void attributeOnAnOpWithout() {
        assertError(HEADER + "  %y = relu \"r\" (%x) {beta = 1.0} : tensor<1x4xf32>\n}\n", "relu has no attribute 'beta' (it takes none)");
    }

    @Test
    void missingAttribute() {
        assertError(HEADER + "  %y = softmax \"s\" (%x) : tensor<1x4xf32>\n}\n", "softmax: missing attribute 'beta'");
    }

    @Test
    void attributeOfTheWrongType() {
        assertError(HEADER + "  %y = transpose \"t\" (%x) {perm = 3} : tensor<1x4xf32>\n}\n",
                "<ir>:2:28: transpose: attribute 'perm' expects a list of ints like [1, 2], got 3");
        assertError(HEADER + "  %y = pack \"p\" (%x) {axis = 1.5} : tensor<1x4xf32>\n}\n", "attribute 'axis' expects an int, got 1.5");
        assertError(HEADER + "  %y = resize_bilinear \"r\" (%x) {alignCorners = 1, halfPixelCenters = false} : tensor<1x4xf32>\n}\n",
                "attribute 'alignCorners' expects true or false, got 1");
    }

    @Test
    void unknownEnumConstantListsTheChoices() {
        assertError(HEADER + "  %y = add \"a\" (%x, %x) {activation = RELU7} : tensor<1x4xf32>\n}\n",
                "attribute 'activation' expects one of NONE, RELU, RELU_N1_TO_1, RELU6, TANH, SIGN_BIT, got RELU7");
    }

    @Test
    void duplicateAttribute() {
        assertError(HEADER + "  %y = pack \"p\" (%x) {axis = 1, axis = 2} : tensor<1x4xf32>\n}\n", "attribute 'axis' is given twice");
    }

    @Test
    void outputsAndTypesMustPairUp() {
        assertError(HEADER + "  %y, %z = split \"s\" (%x) {axis = 1, sizes = [2, 2]} : tensor<1x2xf32>\n}\n",
                "split \"s\" defines 2 value(s) but gives 1 type(s) after ':'");
    }

    @Test
    void unknownElementType() {
        assertError("graph @g(%x: tensor<1x4xf16>) -> (%x) {}", "<ir>:1:14: unknown element type 'f16'; expected one of i8, u8, i16, i32, i64, f32, bool");
    }

    @Test
    void perChannelCountsMustAgree() {
        assertError("graph @g(%x: tensor<2xi8, q(axis=0, [0.5, 0.25], [0])>) -> (%x) {}",
                "per-channel quantization has 2 scales but 1 zero points");
    }

    @Test
    void constantDataMustMatchItsType() {
        assertError(HEADER + "  %c = const tensor<2xi16> dense<\"0102\">\n  %y = add \"a\" (%x, %c) {activation = NONE} : tensor<1x4xf32>\n}\n",
                "<ir>:2:28: constant %c has 2 bytes of data, tensor<2xi16> needs 4");
        assertError(HEADER + "  %c = const tensor<1xi8> dense<\"zz\">\n}\n", "'z' at offset 0 of the data is not a hex digit");
        assertError(HEADER + "  %c = const tensor<1xi8> dense<\"012\">\n}\n", "odd number of digits");
    }

    @Test
    void elidedConstantsAreRejectedUnlessZeroFillIsAsked() {
        String text = HEADER + "  %c = const tensor<1x4xf32> dense<elided, 16 bytes>\n  %y = add \"a\" (%x, %c) {activation = NONE} : tensor<1x4xf32>\n}\n";
        assertError(text, "<ir>:2:30: constant %c has elided data (dense<elided>), so this text cannot rebuild it");
        Graph g = IrParser.parse(text, IrParser.Options.DEFAULT.withZeroFillElidedConstants(true));
        assertEquals(0.0f, g.value("c").constant().float32()[3]);
        assertError(HEADER + "  %c = const tensor<1x4xf32> dense<elided, 15 bytes>\n}\n", "constant %c claims 15 bytes, tensor<1x4xf32> has 16");
    }

    @Test
    void numbersOutOfRange() {
        assertError("graph @g(%x: tensor<99999999999x4xf32>) -> (%x) {}", "<ir>:1:14: number out of range");
    }

    @Test
    void graphWithoutOutputsFailsVerification() {
        assertError("graph @g(%x: tensor<1xf32>) -> () {}", "<ir>: invalid graph: graph has no outputs");
    }

    @Test
    void fileErrorsNameTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.tir");
        Files.writeString(f, "graph @g(%x: tensor<1xf32>) -> (%x) {\n  oops\n}\n");
        CompileException e = assertThrows(CompileException.class, () -> IrParser.parse(f));
        assertTrue(e.getMessage().startsWith(f + ":3:1: mismatched input '}' expecting a \"string\""), e.getMessage());
        CompileException missing = assertThrows(CompileException.class, () -> IrParser.parse(dir.resolve("none.tir")));
        assertTrue(missing.getMessage().startsWith("cannot read IR file"), missing.getMessage());
    }

    @Test
    void windowsLineEndingsParse() {
        Graph g = IrParser.parse((HEADER + "  %y = relu \"r\" (%x) : tensor<1x4xf32> // c\n}\n").replace("\n", "\r\n"));
        assertEquals(1, g.nodes().size());
    }

    @Test
    void commentsAreIgnored() {
        Graph g = IrParser.parse("// leading comment\n" + HEADER + "  // inside\n  %y = relu \"r\" (%x) : tensor<1x4xf32> // trailing\n}\n");
        assertEquals(1, g.nodes().size());
    }
}
