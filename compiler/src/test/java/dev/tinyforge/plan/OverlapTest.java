package dev.tinyforge.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/**
 * Overlapped layers (output starting before its input, over consumed input pixels): shifts worked out by
 * hand, the closed form against the checker's own replay on random geometries, and planted illegal
 * overlaps that the plan checker must reject.
 */
class OverlapTest {

    /**
     * 3x3 stride-1 'same' conv, W = 8, C = 16 in and out, blocks of up to 4 pixels: while pixel p is
     * written, the window of p - 3 may still be unread; it starts one row and one pixel before p - 3, i.e.
     * at pixel p - W - 4, and p's bytes end at shift + (p + 1) * C, so shift <= -(W + 5) * C = -208. One
     * pixel at a time (block 1): the window of p itself starts at p - W - 1, so -(W + 2) * C = -160.
     */
    @Test
    void threeByThreeSameConvByHand() {
        PixelWindows b4 = new PixelWindows(8, 8, 16, 8, 8, 16, 3, 3, 1, 1, 1, 1, 1, 1, 4);
        assertEquals(-208L, OverlapShift.of(b4));
        assertNull(OverlapReplay.violation(b4, -208));
        assertNotNull(OverlapReplay.violation(b4, -192), "one alignment step closer must destroy a needed pixel");
        PixelWindows b1 = new PixelWindows(8, 8, 16, 8, 8, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1);
        assertEquals(-160L, OverlapShift.of(b1));
        assertNull(OverlapReplay.violation(b1, -160));
        assertNotNull(OverlapReplay.violation(b1, -144));
        // the pair then spans 1024 + 208 bytes instead of 2 x 1024
        assertEquals(1024 + 208, OverlapShift.span(1024, 1024, -208));
    }

    /**
     * micro_speech's depthwise: 49x40x1 -> 25x20x8, filter 10x8, stride 2, pads top 4 / left 3, one pixel at
     * a time. Output pixel (oy, ox) ends at shift + (20 oy + ox + 1) * 8; its window starts at input pixel
     * (2 oy - 4) * 40 + 2 ox - 3 (rows below 0 clipped only for oy < 2), so shift <= -80 oy - 6 ox - 171,
     * tightest at the last pixel (24, 19): -2205, aligned down to -2208. The output (4,000 bytes) then ends
     * 1,792 bytes into the 1,960-byte input: 4,168 bytes for both instead of 5,960.
     */
    @Test
    void microSpeechDepthwiseByHand() {
        PixelWindows w = new PixelWindows(49, 40, 1, 25, 20, 8, 10, 8, 2, 2, 1, 1, 4, 3, 1);
        assertEquals(-2208L, OverlapShift.of(w));
        assertNull(OverlapReplay.violation(w, -2208));
        assertEquals(4168, OverlapShift.span(1960, 4000, -2208));
    }

    /**
     * 2x2 stride-2 pool on 8x8x16, blocks of 4: the first 4 output pixels may all still be reading pixel 0's
     * window (input pixel 0), so pixel 3's 16 bytes must end at input byte 0: shift -64; later pixels advance
     * twice as fast through the input as through the output.
     */
    @Test
    void strideTwoPoolByHand() {
        PixelWindows w = new PixelWindows(8, 8, 16, 4, 4, 16, 2, 2, 2, 2, 1, 1, 0, 0, 4);
        assertEquals(-64L, OverlapShift.of(w));
        assertNull(OverlapReplay.violation(w, -64));
        assertNotNull(OverlapReplay.violation(w, -48));
    }

    /** The closed form is always safe by the replay, and so is every smaller shift (the planner relies on it). */
    @Test
    void closedFormPassesTheReplayOnRandomGeometries() {
        Random r = new Random(7);
        for (int i = 0; i < 2000; i++) {
            int inH = 1 + r.nextInt(12), inW = 1 + r.nextInt(12), inC = 1 + r.nextInt(20), outC = 1 + r.nextInt(40);
            int fh = 1 + r.nextInt(5), fw = 1 + r.nextInt(5), sh = 1 + r.nextInt(3), sw = 1 + r.nextInt(3);
            int dh = 1 + r.nextInt(2), dw = 1 + r.nextInt(2), pt = r.nextInt(fh), pl = r.nextInt(fw);
            int outH = Math.max(1, (inH + 2 * pt - dh * (fh - 1) - 1) / sh + 1), outW = Math.max(1, (inW + 2 * pl - dw * (fw - 1) - 1) / sw + 1);
            PixelWindows w = new PixelWindows(inH, inW, inC, outH, outW, outC, fh, fw, sh, sw, dh, dw, pt, pl, 1 + r.nextInt(4));
            long shift = OverlapShift.of(w);
            assertEquals(0, shift % ArenaPlanner.ALIGNMENT);
            assertNull(OverlapReplay.violation(w, shift), w + " at " + shift);
            assertNull(OverlapReplay.violation(w, shift - ArenaPlanner.ALIGNMENT), w + " at " + (shift - ArenaPlanner.ALIGNMENT));
        }
    }

    /** A conv 3x3 'same' on 1x8x8x16 planned with overlap on: the checker accepts it, and rejects planted illegal overlaps. */
    @Test
    void checkerRejectsPlantedIllegalOverlaps() {
        Graph g = singleConv();
        Node conv = g.nodes().get(0);
        MemoryPlan plan = ArenaPlanner.plan(g, PlanOptions.DEFAULT);
        assertNull(PlanChecker.check(g, plan));
        InPlace ip = plan.inPlace(conv);
        assertNotNull(ip, "the conv should overlap its input");
        assertTrue(ip.isOverlap());
        assertEquals(-208, ip.shift()); // 8 wide, 16 channels, blocks of 4 (see threeByThreeSameConvByHand)
        assertEquals(1024 + 208, plan.arenaBytes());
        assertEquals(-208, plan.offset(ip.output()) - plan.offset(ip.input()));

        // 1. the output moved one alignment step closer, the pair claiming that shift: the replay refuses it
        String why = PlanChecker.check(forged(g, plan, ip, -192, 208, 0));
        assertNotNull(why);
        assertTrue(why.contains("cannot overlap"), why);
        // 2. offsets that disagree with the pair's shift
        why = PlanChecker.check(forged(g, plan, ip, -208, 208, 16));
        assertNotNull(why);
        assertTrue(why.contains("not at its pair's"), why);
        // 3. the same offsets with the right shift are accepted (the forging itself is sound)
        assertNull(PlanChecker.check(forged(g, plan, ip, -208, 208, 0)));
        // 4. a node without a pixel-order kernel cannot overlap at all
        Graph fc = singleFullyConnected();
        MemoryPlan fcPlan = ArenaPlanner.plan(fc, PlanOptions.DEFAULT);
        assertTrue(fcPlan.inPlace().isEmpty());
        MemoryProblem p = fcPlan.problem();
        Buffer in = p.arenaBuffers().get(0), out = p.arenaBuffers().get(1);
        InPlace fake = new InPlace(fc.nodes().get(0), 0, 0, in, out, null, InPlaceScheme.PIXEL_ORDER_OVERLAP, -16);
        Map<Buffer, Long> offsets = new IdentityHashMap<>(Map.of(in, 16L, out, 0L));
        MemoryPlan forged = new MemoryPlan(fc, new MemoryProblem(p.arenaBuffers(), p.ioBuffers(), List.of(fake), p.noOps(), p.steps()),
                offsets, "forged", false, Map.of(), 0, 0);
        why = PlanChecker.check(forged);
        assertNotNull(why);
        assertTrue(why.contains("no pixel-order kernel"), why);
    }

    /** The plan with the conv's pair replaced by one claiming {@code shift}; output at inOffset + shift + extra. */
    private static MemoryPlan forged(Graph g, MemoryPlan plan, InPlace ip, long shift, long inOffset, long extra) {
        InPlace bad = new InPlace(ip.node(), ip.step(), 0, ip.input(), ip.output(), null, InPlaceScheme.PIXEL_ORDER_OVERLAP, shift);
        MemoryProblem p = plan.problem();
        Map<Buffer, Long> offsets = new IdentityHashMap<>();
        offsets.put(ip.input(), inOffset);
        offsets.put(ip.output(), inOffset + shift + extra);
        return new MemoryPlan(g, new MemoryProblem(p.arenaBuffers(), p.ioBuffers(), List.of(bad), p.noOps(), p.steps()), offsets,
                "forged", false, Map.of(), 0, 0);
    }

    private static Graph singleConv() {
        Graph g = new Graph("conv3x3");
        Quant q = Quant.perTensor(0.05f, 0);
        Value x = g.addInput("x", new TensorType(ElementType.INT8, new int[] {1, 8, 8, 16}, q));
        float[] scales = new float[16];
        Arrays.fill(scales, 0.01f);
        Value w = g.newConstant("w", Tensor.zeros(new TensorType(ElementType.INT8, new int[] {16, 3, 3, 16}, new Quant(scales, new int[16], 0))));
        Value y = g.newValue("y", new TensorType(ElementType.INT8, new int[] {1, 8, 8, 16}, q));
        g.addNode("conv", OpKind.CONV_2D, new Attrs.Conv2D(new int[] {1, 1, 1, 1}, new int[] {1, 1}, new int[] {1, 1}, Activation.NONE),
                Arrays.asList(x, w, null), List.of(y));
        g.addOutput(y);
        return g;
    }

    private static Graph singleFullyConnected() {
        Graph g = new Graph("fc");
        Quant q = Quant.perTensor(0.05f, 0);
        Value x = g.addInput("x", new TensorType(ElementType.INT8, new int[] {1, 64}, q));
        Value w = g.newConstant("w", Tensor.zeros(new TensorType(ElementType.INT8, new int[] {32, 64}, Quant.perTensor(0.01f, 0))));
        Value y = g.newValue("y", new TensorType(ElementType.INT8, new int[] {1, 32}, q));
        g.addNode("fc", OpKind.FULLY_CONNECTED, new Attrs.FullyConnected(Activation.NONE, false), Arrays.asList(x, w, null), List.of(y));
        g.addOutput(y);
        return g;
    }
}
