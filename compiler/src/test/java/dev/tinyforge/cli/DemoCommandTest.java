package dev.tinyforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.tinyforge.sim.FirmwareTools;
import dev.tinyforge.testing.Shared;

/** The README's first command: the bundled classifier, run under QEMU, names the right shape for each sample. */
class DemoCommandTest {
    @Test
    void demoClassifiesTheBundledSamples() {
        FirmwareTools.requireQemu();
        String root = Shared.repoRoot().resolve("test-models").toString();
        CliRunner.Result r = CliRunner.run("demo", root + "/shapes_classifier_int8.tflite", "--labels",
                root + "/shapes_samples/labels.txt", "--input", root + "/shapes_samples/square_0.bin", "--input",
                root + "/shapes_samples/cross_0.bin");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("square_0.bin -> square"), r.out());
        assertTrue(r.out().contains("cross_0.bin -> cross"), r.out());
        assertTrue(r.out().contains("instructions") && r.out().contains("peak SRAM") && r.out().contains("flash"), r.out());
    }
}
