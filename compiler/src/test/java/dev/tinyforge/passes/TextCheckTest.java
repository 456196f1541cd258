package dev.tinyforge.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The checker itself must be able to fail, or the pass text tests prove nothing. */
class TextCheckTest {
    private static final String OUT = "graph @g(%x: tensor<1xf32>) -> (%z) {\n  %y = relu \"a\" (%x)\n  %z = relu6   \"b\" (%y)\n}\n";

    private static String verify(String checks) { return TextCheck.parse("// RUN: dce\n" + checks).verify(OUT); }

    @Test
    void inOrderSubstringsWithWhitespaceNormalized() {
        assertNull(verify("// CHECK: %y = relu\n// CHECK: %z = relu6 \"b\"\n// CHECK: }"));
    }

    @Test
    void missingOrOutOfOrderCheckFails() {
        assertTrue(verify("// CHECK: conv_2d").contains("CHECK: <conv_2d> not found"));
        assertTrue(verify("// CHECK: %z = relu6\n// CHECK: %y = relu").contains("not found after output line 3"));
    }

    @Test
    void checkNotAppliesBetweenNeighbouringMatches() {
        assertNull(verify("// CHECK: graph\n// CHECK-NOT: relu6\n// CHECK: %y = relu"));
        assertTrue(verify("// CHECK: graph\n// CHECK-NOT: relu6\n// CHECK: }").contains("CHECK-NOT: <relu6> found on output line 3"));
        assertTrue(verify("// CHECK: %y\n// CHECK-NOT: %z").contains("CHECK-NOT: <%z>"));
    }

    @Test
    void checkNextMeansTheVeryNextLine() {
        assertNull(verify("// CHECK: graph\n// CHECK-NEXT: %y = relu"));
        assertTrue(verify("// CHECK: graph\n// CHECK-NEXT: %z").startsWith("line 3: CHECK-NEXT"));
    }

    @Test
    void filesWithoutRunOrPositiveCheckAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> TextCheck.parse("// CHECK: x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TextCheck.parse("// RUN: dce\n// CHECK-NOT: x"));
        assertTrue(e.getMessage().contains("could not fail"));
        assertThrows(IllegalArgumentException.class, () -> TextCheck.parse("// RUN: dce\n// CHECK-NOPE: x"));
    }

    @Test
    void runLineIsRead() {
        assertEquals("fuse-activation,dce", TextCheck.parse("// RUN: fuse-activation,dce\n// CHECK: x").run);
    }
}
