package dev.tinyforge.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.tinyforge.CompileOptions;
import dev.tinyforge.Compiler;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Value;
import dev.tinyforge.testing.GoldenModel;
import dev.tinyforge.testing.HostBuilds;
import dev.tinyforge.testing.OutputComparison;

/**
 * The memory optimizations change where bytes live, never their values: generated C gives the same
 * outputs with every optimization off, with all on (the default, with overlapped layers), and with the I/O
 * outside the arena; on every shared model against TFLM's goldens, and on random graphs
 * (in place depthwise, 1x1 conv, elementwise and quantize, overlapped layers, folded concatenations, reordered branches)
 * on versus off, byte for byte.
 */
class MemoryOptionsBitExactTest {

    @TestFactory
    Stream<DynamicTest> sharedModelsMatchGoldensWithOptimizationsOffAndIoOutside() {
        return GoldenModel.all().stream().map(m -> DynamicTest.dynamicTest(m.name(), () -> {
            HostBuilds.Built off = HostBuilds.build(Compiler.load(m.modelFile()), m.name() + "-mem-off",
                    CompileOptions.NO_MEMORY_OPTIMIZATIONS);
            HostBuilds.Built outside = HostBuilds.build(Compiler.load(m.modelFile()), m.name() + "-io-outside",
                    CompileOptions.DEFAULT.withIoInArena(false));
            // all on with I/O inside: where overlapped layers (output over the input's consumed head) apply most
            HostBuilds.Built on = HostBuilds.build(Compiler.load(m.modelFile()), m.name() + "-mem-on", CompileOptions.DEFAULT);
            for (int k : m.inputIndices()) {
                byte[] a = off.run(m.input(k)), b = outside.run(m.input(k)), c = on.run(m.input(k));
                assertNull(OutputComparison.compare(m.output(k), a, m.hasFloatOutput()), m.name() + " off, input " + k);
                assertNull(OutputComparison.compare(m.output(k), b, m.hasFloatOutput()), m.name() + " I/O outside, input " + k);
                assertArrayEquals(a, b, m.name() + " input " + k + ": on (I/O outside) and off differ");
                assertArrayEquals(a, c, m.name() + " input " + k + ": on and off differ");
            }
            long overlapped = on.compiled().plan().inPlace().stream().filter(InPlace::isOverlap).count();
            System.out.printf("memory options %-24s off: arena %,d | on: arena %,d (%d overlapped) | on, I/O outside: arena %,d + I/O %,d%n",
                    m.name(), off.compiled().plan().arenaBytes(), on.compiled().plan().arenaBytes(), overlapped,
                    outside.compiled().plan().arenaBytes(), outside.compiled().plan().ioAreaBytes());
        }));
    }

    @Test
    void randomGraphsGiveIdenticalOutputsWithOptimizationsOnAndOff() {
        Map<InPlaceScheme, Integer> seen = new EnumMap<>(InPlaceScheme.class);
        int folded = 0, graphs = 0;
        for (long seed = 1000; seed < 1030; seed++) {
            Graph on = RandomGraphs.generate(seed), off = RandomGraphs.generate(seed);
            byte[] input = randomInput(on, seed);
            HostBuilds.Built a = HostBuilds.build(on, "random-on-" + seed, CompileOptions.DEFAULT);
            HostBuilds.Built b = HostBuilds.build(off, "random-off-" + seed, CompileOptions.NO_MEMORY_OPTIMIZATIONS);
            assertArrayEquals(b.run(input), a.run(input), "seed " + seed + ": outputs differ with memory optimizations on");
            for (InPlace ip : a.compiled().plan().inPlace()) seen.merge(ip.scheme(), 1, Integer::sum);
            for (Node n : a.compiled().graph().nodes()) if (n.kind() == OpKind.CONCATENATION && a.compiled().plan().isNoOp(n)) folded++;
            graphs++;
        }
        System.out.printf("random graphs on vs off: %d graphs identical; in place %s; %d concatenations folded%n", graphs, seen, folded);
        for (InPlaceScheme s : InPlaceScheme.values()) assertTrue(seen.getOrDefault(s, 0) > 0, "no graph ran " + s + " in place");
        assertTrue(folded > 0, "no folded concatenation was run");
    }

    private static byte[] randomInput(Graph g, long seed) {
        Random r = new Random(seed * 31 + 7);
        int total = 0;
        for (Value v : g.inputs()) total += (int) v.type().byteSize();
        byte[] in = new byte[total];
        int pos = 0;
        for (Value v : g.inputs()) {
            if (v.type().elementType() == dev.tinyforge.ir.ElementType.FLOAT32) {
                java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(in, pos, (int) v.type().byteSize()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (long i = 0; i < v.type().elementCount(); i++) bb.putFloat((r.nextFloat() - 0.5f) * 12f);
            } else {
                for (int i = 0; i < v.type().byteSize(); i++) in[pos + i] = (byte) r.nextInt(256);
            }
            pos += (int) v.type().byteSize();
        }
        return in;
    }
}
