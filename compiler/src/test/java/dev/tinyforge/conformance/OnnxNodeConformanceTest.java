package dev.tinyforge.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.tinyforge.testing.Shared;

/**
 * Every ONNX backend node test in shared/conformance/onnx-node through the ONNX frontend, the default
 * pipeline and the interpreter. Prints one line per test, a per-op table and the summary; fails on any
 * failure and when fewer than 95% of all tests pass (unsupported ones count against that).
 */
class OnnxNodeConformanceTest {

    @Test void nodeSuite() {
        Path root = Shared.require("conformance/onnx-node");
        List<OnnxNodeSuite.Result> results = new ArrayList<>();
        Map<String, int[]> perOp = new TreeMap<>();
        for (Path t : OnnxNodeSuite.testDirs(root)) {
            OnnxNodeSuite.Result r = OnnxNodeSuite.run(t);
            results.add(r);
            System.out.println(r.line());
            int[] c = perOp.computeIfAbsent(opOf(r.test()), k -> new int[3]);
            c[r.status().ordinal()]++;
        }
        System.out.println("op: passed/failed/unsupported");
        perOp.forEach((op, c) -> System.out.println("  " + op + ": " + c[0] + "/" + c[1] + "/" + c[2]));
        String summary = OnnxNodeSuite.summary(results);
        System.out.println(summary);
        long passed = results.stream().filter(r -> r.status() == OnnxNodeSuite.Status.PASSED).count();
        List<String> failed = results.stream().filter(r -> r.status() == OnnxNodeSuite.Status.FAILED).map(OnnxNodeSuite.Result::line).toList();
        assertTrue(failed.isEmpty(), "failures: " + failed);
        assertTrue(passed * 100 >= 95L * results.size(), summary);
        assertTrue(results.size() >= 374, "expected the 374 tests of the shared suite, found " + results.size());
    }

    /** "test_averagepool_2d_pads" to "averagepool": the op family the test exercises. */
    static String opOf(String test) {
        String s = test.startsWith("test_") ? test.substring(5) : test;
        for (String two : new String[] {"reduce_mean", "reduce_max", "constant_pad", "edge_pad", "reflect_pad", "wrap_pad",
                "basic_conv", "conv_with", "global"}) if (s.startsWith(two)) return two;
        int u = s.indexOf('_');
        return u < 0 ? s : s.substring(0, u);
    }
}
