package dev.tinyforge.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.tinyforge.testing.Shared;

/**
 * Runs the portable C kernels (runtime-c) against ARM's CMSIS-NN int8 test vectors, which were
 * generated with TFLite's reference interpreter, through the C harness ({@code make -C runtime-c test}).
 * Every supported vector must match its reference output bit for bit, and the core op families must
 * actually have run.
 */
class CmsisNnVectorsTest {
    private static final Pattern FAMILY = Pattern.compile("^(\\w+): (\\d+) ran, (\\d+) passed$");
    private static final Pattern TOTAL =
            Pattern.compile("^cmsis-nn-s8: (\\d+) passed, (\\d+) failed, (\\d+) unsupported$");
    private static final List<String> REQUIRED =
            List.of("conv", "depthwise", "fully_connected", "avgpool", "maxpool", "add", "mul", "softmax");

    @Test
    void everySupportedVectorIsBitExact() throws Exception {
        Path vectors = Shared.require("conformance/cmsis-nn-s8");
        Path shared = vectors.getParent().getParent();
        Path runtime = Shared.repoRoot().resolve("runtime-c");
        Assumptions.assumeTrue(toolAvailable("make") && toolAvailable("gcc"),
                "SKIPPED: make or gcc not on PATH; the C kernel vectors did not run");

        ProcessBuilder pb = new ProcessBuilder("make", "-C", runtime.toString(), "test", "SHARED=" + shared)
                .redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("C harness timed out");
        }

        Map<String, int[]> families = new LinkedHashMap<>();
        int passed = -1, failed = -1, unsupported = -1;
        for (String line : out.split("\\R")) {
            Matcher f = FAMILY.matcher(line);
            if (f.matches()) {
                families.put(f.group(1), new int[] {Integer.parseInt(f.group(2)), Integer.parseInt(f.group(3))});
                System.out.println(line);
            }
            Matcher t = TOTAL.matcher(line);
            if (t.matches()) {
                passed = Integer.parseInt(t.group(1));
                failed = Integer.parseInt(t.group(2));
                unsupported = Integer.parseInt(t.group(3));
                System.out.println(line);
            }
            if (line.startsWith("FAIL") || line.startsWith("selfcheck")) System.out.println(line);
        }
        assertTrue(passed >= 0, "harness printed no summary line; output was:\n" + tail(out));
        assertEquals(0, failed, "CMSIS-NN vectors failed; output was:\n" + tail(out));
        for (String fam : REQUIRED) {
            int[] rp = families.get(fam);
            assertTrue(rp != null && rp[0] > 0, fam + " vectors did not run");
            assertEquals(rp[0], rp[1], fam + ": not every vector passed");
        }
        assertEquals(0, p.exitValue(), "make test failed (self-checks or vectors); output was:\n" + tail(out));
        System.out.println("unsupported vectors: " + unsupported);
    }

    private static boolean toolAvailable(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String tail(String s) {
        return s.length() <= 6000 ? s : s.substring(s.length() - 6000);
    }
}
