package dev.tinyforge.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;

import org.junit.jupiter.api.Test;

import dev.tinyforge.testing.Shared;

/**
 * The ONNX node tests through generated C: each model compiled to C, built with gcc (-O0) on the host and
 * run on the test's inputs (two builds at a time). Tests with an op that has no C kernel are unsupported
 * here; every test that builds must pass. Prints the per-op table and the summary.
 */
class OnnxNodeConformanceCTest {

    @Test void nodeSuiteAsGeneratedC() throws Exception {
        Path root = Shared.require("conformance/onnx-node");
        List<Path> dirs = OnnxNodeSuite.testDirs(root);
        ForkJoinPool pool = new ForkJoinPool(2);
        List<OnnxNodeSuite.Result> results;
        try {
            results = pool.submit(() -> dirs.parallelStream().map(d -> OnnxNodeSuite.run(d, OnnxNodeSuite.Backend.C)).toList()).get();
        } finally {
            pool.shutdown();
        }
        Map<String, int[]> perOp = new TreeMap<>();
        for (OnnxNodeSuite.Result r : results) {
            System.out.println(r.line());
            perOp.computeIfAbsent(OnnxNodeConformanceTest.opOf(r.test()), k -> new int[3])[r.status().ordinal()]++;
        }
        System.out.println("op: passed/failed/unsupported (generated C)");
        perOp.forEach((op, c) -> System.out.println("  " + op + ": " + c[0] + "/" + c[1] + "/" + c[2]));
        String summary = OnnxNodeSuite.summary(results);
        System.out.println(summary + " (backend c)");
        List<String> failed = results.stream().filter(r -> r.status() == OnnxNodeSuite.Status.FAILED).map(OnnxNodeSuite.Result::line).toList();
        assertTrue(failed.isEmpty(), "failures: " + failed);
        long passed = results.stream().filter(r -> r.status() == OnnxNodeSuite.Status.PASSED).count();
        assertTrue(passed >= 362, "expected at least 362 tests to run as C, " + summary);
    }
}
