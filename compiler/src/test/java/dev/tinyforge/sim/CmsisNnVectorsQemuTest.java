package dev.tinyforge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import dev.tinyforge.testing.Shared;

/**
 * ARM's CMSIS-NN int8 vectors (generated with TFLite's reference kernels) through the DSP kernels on the
 * Cortex-M4 and M7 stand-ins and the Helium kernels on the M55, as bare-metal firmware under QEMU
 * (runtime-c/test/run_cmsis_vectors_qemu.sh, with the board files of a firmware project generated here). Every
 * vector must match bit for bit, and each of the variant's kernels must have run some vectors: the runners pick
 * the kernel the compiler would pick for the vector's shape and report it.
 */
class CmsisNnVectorsQemuTest {
    private static final Pattern TOTAL = Pattern.compile("^cmsis-nn-s8: (\\d+) passed, (\\d+) failed, (\\d+) unsupported$");
    private static final Pattern KERNEL = Pattern.compile("^kernel (\\w+): (\\d+) vectors$");
    private static final Map<String, List<String>> VARIANT_KERNELS = Map.of(
            "dsp", List.of("tf_conv_s8_1x1_dsp", "tf_conv_s8_dsp", "tf_depthwise_conv_s8_dsp", "tf_fully_connected_s8_dsp",
                    "tf_add_s8_dsp"),
            "mve", List.of("tf_conv_s8_1x1_mve", "tf_conv_s8_mve", "tf_depthwise_conv_s8_mve", "tf_fully_connected_s8_mve",
                    "tf_add_s8_mve"));

    @ParameterizedTest(name = "{0} with the {1} kernels")
    @CsvSource({"qemu-mps2-an386, dsp", "qemu-mps2-an500, dsp", "qemu-mps3-an547, mve"})
    void everyVectorIsBitExactThroughTheBoardsKernels(String board, String variant, @TempDir Path work) throws Exception {
        Path vectors = Shared.require("conformance/cmsis-nn-s8");
        FirmwareTools.requireQemu();
        Path root = Shared.repoRoot();
        // the board files, CPU and link flags and QEMU command line of a real generated firmware project
        BoardCliTest.Run gen = BoardCliTest.cli("compile", root.resolve("test-models/tiny_convnet_int8.tflite").toString(),
                "--board", board, "-o", work.resolve("project").toString());
        assertEquals(0, gen.exit(), gen.err());

        Process p = new ProcessBuilder("sh", root.resolve("runtime-c/test/run_cmsis_vectors_qemu.sh").toString(), board, variant,
                vectors.toString(), work.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("QEMU vector run timed out on " + board);
        }

        int passed = -1, failed = -1;
        Map<String, Integer> kernels = new TreeMap<>();
        for (String line : out.split("\\R")) {
            Matcher t = TOTAL.matcher(line), k = KERNEL.matcher(line);
            if (t.matches()) {
                passed = Integer.parseInt(t.group(1));
                failed = Integer.parseInt(t.group(2));
            }
            if (k.matches()) kernels.put(k.group(1), Integer.parseInt(k.group(2)));
            if (line.startsWith("FAIL") || t.matches() || k.matches()) System.out.println(board + ": " + line);
        }
        assertTrue(passed > 0, board + ": no summary line or nothing passed; output was:\n" + tail(out));
        assertEquals(0, failed, board + ": CMSIS-NN vectors failed through the " + variant + " kernels:\n" + tail(out));
        assertEquals(0, p.exitValue(), board + ": the vector run failed:\n" + tail(out));
        for (String kernel : VARIANT_KERNELS.get(variant))
            assertTrue(kernels.getOrDefault(kernel, 0) > 0, board + ": no vector ran through " + kernel + " (" + kernels + ")");
    }

    private static String tail(String s) {
        return s.length() <= 6000 ? s : s.substring(s.length() - 6000);
    }
}
