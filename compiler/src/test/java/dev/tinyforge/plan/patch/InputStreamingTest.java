package dev.tinyforge.plan.patch;

import dev.tinyforge.CompileException;
import dev.tinyforge.Compiler;
import dev.tinyforge.interp.Interpreter;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.Value;
import dev.tinyforge.ir.Verifier;
import dev.tinyforge.passes.Pipeline;
import dev.tinyforge.plan.ArenaPlanner;
import dev.tinyforge.plan.MemoryPlan;
import dev.tinyforge.plan.PlanOptions;
import dev.tinyforge.testing.GoldenModel;
import dev.tinyforge.testing.Shared;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streamed-input rewrite: only windows read the input, the float QUANTIZE moves in front of them, no memory for either. */
class InputStreamingTest {

    private static Graph load(GoldenModel m) {
        Graph g = Compiler.load(m.modelFile());
        Pipeline.parse(Compiler.DEFAULT_PIPELINE).run(g);
        return g;
    }

    @Test
    void floatInputIsQuantizedWindowByWindowAndHeldNowhere() {
        if (Shared.require("golden/mcunet-vww") == null) return;
        GoldenModel m = GoldenModel.named("mcunet-vww");
        Graph inSram = load(m);
        PatchSchedule.apply(inSram, 6, 2, 2);
        Graph streamed = GraphCopy.of(inSram);
        InputStreaming.prepare(streamed, InputSource.FLASH);
        Verifier.verify(streamed);

        Value x = streamed.inputs().get(0);
        assertTrue(x.isStreamed());
        assertEquals(1, x.users().size(), "one virtual QUANTIZE reads the float image");
        Node q = x.users().get(0);
        assertEquals(OpKind.QUANTIZE, q.kind());
        assertSame(q, streamed.nodes().get(0));
        assertTrue(q.output().isStreamed());
        assertEquals(4, q.output().users().size(), "one window per patch");
        for (Node w : q.output().users()) assertTrue(InputStreaming.isRowWindow(w), w.toString());
        long quantizes = streamed.nodes().stream().filter(n -> n.kind() == OpKind.QUANTIZE).count();
        assertEquals(1, quantizes, "the per-window QUANTIZE nodes are gone");

        PlanOptions o = PlanOptions.DEFAULT;
        MemoryPlan sram = ArenaPlanner.plan(inSram, o), stream = ArenaPlanner.plan(streamed, o);
        assertFalse(stream.contains(x));
        assertFalse(stream.contains(q.output()));
        assertTrue(stream.peakSramBytes() + x.type().byteSize() / 2 <= sram.peakSramBytes(),
                "streaming frees at least half the float image: " + stream.peakSramBytes() + " vs " + sram.peakSramBytes());

        List<Tensor> input = m.inputTensors(inSram, 0);
        List<Tensor> a = new Interpreter().run(inSram, input), b = new Interpreter().run(streamed, input);
        assertArrayEquals(a.get(0).toBytes(), b.get(0).toBytes());
        assertArrayEquals(m.output(0), b.get(0).toBytes(), "TFLM's golden");
    }

    @Test
    void onlyImageInputsStream() {
        if (Shared.require("golden/hello_world_int8") == null) return;
        Graph g = load(GoldenModel.named("hello_world_int8"));
        CompileException e = assertThrows(CompileException.class, () -> InputStreaming.prepare(g, InputSource.CALLBACK));
        assertTrue(e.getMessage().contains("NHWC"), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'));
    }

    @Test
    void graphCopyIsIndependentAndEqual() {
        if (Shared.require("golden/vww_96_int8") == null) return;
        GoldenModel m = GoldenModel.named("vww_96_int8");
        Graph g = load(m);
        Graph c = GraphCopy.of(g);
        assertEquals(g.nodes().size(), c.nodes().size());
        for (int i = 0; i < g.nodes().size(); i++) {
            assertEquals(g.nodes().get(i).kind(), c.nodes().get(i).kind());
            assertFalse(g.nodes().get(i).output() == c.nodes().get(i).output(), "values are new");
        }
        PatchSchedule.apply(c, 5, 2, 2);
        Verifier.verify(g);
        assertEquals(m.output(0).length, new Interpreter().run(g, m.inputTensors(g, 0)).get(0).toBytes().length);
        assertArrayEquals(m.output(0), new Interpreter().run(g, m.inputTensors(g, 0)).get(0).toBytes(), "the original is untouched");
        assertArrayEquals(m.output(0), new Interpreter().run(c, m.inputTensors(c, 0)).get(0).toBytes(), "the patched copy");
    }
}
