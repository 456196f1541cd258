package dev.tinyforge.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.IrException;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;
import dev.tinyforge.ir.text.IrParser;
import dev.tinyforge.ir.text.IrPrinter;

class PipelineTest {
    private static final String IR = "graph @g(%x: tensor<1x4xf32>) -> (%y) {\n"
            + "  %dead = relu6 \"dead\" (%x) : tensor<1x4xf32>\n"
            + "  %y = relu \"r\" (%x) : tensor<1x4xf32>\n}\n";

    /** A deliberately broken pass: makes the graph output dangle. */
    private static final class BreakOutputs implements Pass {
        @Override public String name() { return "break-outputs"; }

        @Override public void run(Graph g) { g.setOutput(0, new Value("ghost", g.outputs().get(0).type())); }
    }

    @Test
    void parsesRegisteredNamesInOrderAndPrintsThemBack() {
        Pipeline p = Pipeline.parse("fuse-activation, dce");
        assertEquals(List.of(FuseActivation.class, DeadCodeElimination.class), p.passes().stream().map(Object::getClass).toList());
        assertEquals("fuse-activation,dce", p.toString());
    }

    @Test
    void unknownPassNameListsTheKnownOnes() {
        CompileException e = assertThrows(CompileException.class, () -> Pipeline.parse("dce,nope"));
        assertTrue(e.getMessage().startsWith("unknown pass 'nope'; known passes: dce, fuse-activation"), e.getMessage());
    }

    @Test
    void verifierRunsAfterEachPassAndNamesTheCulprit() {
        Graph g = IrParser.parse(IR);
        IrException e = assertThrows(IrException.class,
                () -> Pipeline.of(new DeadCodeElimination(), new BreakOutputs()).withVerifyEach(true).run(g));
        assertTrue(e.getMessage().startsWith("after pass 'break-outputs': graph output %ghost is never defined"), e.getMessage());
        // without verification the broken graph goes through unnoticed
        Pipeline.of(new BreakOutputs()).run(IrParser.parse(IR));
    }

    @Test
    void dumpsTheIrAfterEachPass() {
        List<String> dumps = new ArrayList<>();
        Pipeline.parse("dce,dce").withIrDump(dumps::add, IrPrinter.Options.HUMAN).run(IrParser.parse(IR));
        assertEquals(2, dumps.size());
        assertTrue(dumps.get(0).startsWith("// IR after dce\ngraph @g("), dumps.get(0));
        assertTrue(!dumps.get(0).contains("dead"), dumps.get(0));
    }

    @Test
    void registryCreatesFreshInstancesAndRejectsDuplicateNames() {
        assertTrue(PassRegistry.names().containsAll(List.of("dce", "fuse-activation", "remove-identity-reshape", "collapse-reshapes")));
        assertTrue(PassRegistry.create("dce") != PassRegistry.create("dce"));
        assertThrows(IllegalArgumentException.class, () -> PassRegistry.register(DeadCodeElimination::new));
    }

    @Test
    void dceLeavesNoDanglingUsers() {
        Graph g = IrParser.parse(IR);
        Value x = g.inputs().get(0);
        new DeadCodeElimination().run(g);
        assertEquals(List.of("r"), x.users().stream().map(Node::name).toList());
    }
}
