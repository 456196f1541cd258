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
        PatchSpec.parse("2x2@0").applyTo(g);
        assertEquals(convs - 1 + 4, g.nodes().stream().filter(n -> n.kind() == OpKind.CONV_2D).count(),
                "the first conv is replaced by one copy per patch");
        assertThrows(CompileException.class, () -> PatchSpec.parse("2x2@999").applyTo(
                Compiler.load(Shared.repoRoot().resolve("test-models/residual_int8.tflite"))));
    }
}
