package dev.tinyforge.plan.patch;

import dev.tinyforge.CompileException;
import dev.tinyforge.Compiler;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.testing.Shared;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatchSpecTest {

    @Test
    void parsesOffAndGrids() {
        assertNull(PatchSpec.parse("off"));
        assertEquals(new PatchSpec(2, 3, 7), PatchSpec.parse("2x3@7"));
        for (String bad : new String[] {"2x2", "2*2@5", "x2@1", "2x2@", "on"}) {
            CompileException e = assertThrows(CompileException.class, () -> PatchSpec.parse(bad));
            assertTrue(e.getMessage().contains(bad));
        }
    }

    @Test
    void appliesToTheCompilersLayerNumbering() {
        Graph g = Compiler.load(Shared.repoRoot().resolve("test-models/residual_int8.tflite"));
        long convs = g.nodes().stream().filter(n -> n.kind() == OpKind.CONV_2D).count();
        int splitRows = g.nodes().get(0).output().type().shape()[1];
        PatchSpec.parse("2x1@0").applyTo(g);
        assertEquals(convs - 1 + 2, countConvs(g), "one column: the first conv is replaced by one copy per patch");
        // several columns: the split layer runs once per output row of each cell, writing rows straight into its map
        Graph h = Compiler.load(Shared.repoRoot().resolve("test-models/residual_int8.tflite"));
        PatchSpec.parse("2x2@0").applyTo(h);
        assertEquals(convs - 1 + 2L * splitRows, countConvs(h), "two columns: one copy per row of each cell");
        assertThrows(CompileException.class, () -> PatchSpec.parse("2x2@999").applyTo(
                Compiler.load(Shared.repoRoot().resolve("test-models/residual_int8.tflite"))));
    }

    private static long countConvs(Graph g) {
        return g.nodes().stream().filter(n -> n.kind() == OpKind.CONV_2D).count();
    }
}
