package dev.tinyforge.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tinyforge.testing.RawTflite;
import dev.tinyforge.testing.Shared;

/** Bad input gets one clear line on stderr and exit status 2; nothing half-written is left behind. */
class CliErrorsTest {
    @TempDir Path tmp;

    private static void assertUserError(CliRunner.Result r, String... fragments) {
        assertEquals(2, r.exit(), "exit status; stderr: " + r.err());
        String err = r.err().strip();
        assertTrue(err.startsWith("tinyforge: error: "), err);
        assertEquals(1, err.lines().count(), "one line expected: " + err);
        assertFalse(err.contains("Exception"), "no stack traces or exception names: " + err);
        for (String f : fragments) assertTrue(err.contains(f), "'" + f + "' missing from: " + err);
    }

    @Test
    void missingModelFile() {
        assertUserError(CliRunner.run("inspect", tmp.resolve("nope.tflite").toString()), "not found", "nope.tflite");
    }

    @Test
    void notAModel() throws Exception {
        Path f = tmp.resolve("readme.tflite");
        Files.writeString(f, "hello, this is not a flatbuffer at all");
        assertUserError(CliRunner.run("compile", f.toString(), "-o", tmp.resolve("out").toString()), "not a TFLite model");
        assertFalse(Files.exists(tmp.resolve("out")), "no output directory for a failed compile");
    }

    @Test
    void unsupportedOpNamesTheOpTheNodeAndTheSupportedOnes() throws Exception {
        Path f = tmp.resolve("d2s.tflite");
        Files.write(f, RawTflite.singleOp(5 /* DEPTH_TO_SPACE */, 1, new int[] {1, 2, 2, 4}, new int[] {1, 4, 4, 1}));
        assertUserError(CliRunner.run("compile", f.toString(), "-o", tmp.resolve("out").toString()),
                "unsupported op DEPTH_TO_SPACE", "node 0", "supported ops:", "CONV_2D");
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void tooNewOpVersionIsRejected() throws Exception {
        Path f = tmp.resolve("relu_v99.tflite");
        Files.write(f, RawTflite.singleOp(19 /* RELU */, 99, new int[] {1, 4}, new int[] {1, 4}));
        assertUserError(CliRunner.run("inspect", f.toString()), "RELU", "version 99");
    }

    @Test
    void truncatedRealModelAndExistingOutputIsKept() throws Exception {
        byte[] model = Files.readAllBytes(Shared.require("models/tflm/person_detect.tflite"));
        Path f = tmp.resolve("cut.tflite");
        Files.write(f, Arrays.copyOf(model, model.length / 2));
        Path out = tmp.resolve("existing");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "previous project");
        assertUserError(CliRunner.run("compile", f.toString(), "-o", out.toString()), "cut.tflite", "corrupt");
        assertEquals("previous project", Files.readString(out.resolve("keep.txt")), "a failed compile must not touch the old output");
        try (var s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains("partial")), "no staging directories left");
        }
    }

    @Test
    void runChecksInputSizeAndFiles() throws Exception {
        Path model = Shared.require("models/tflm/hello_world_int8.tflite");
        Path in = tmp.resolve("in.bin");
        Files.write(in, new byte[5]);
        assertUserError(CliRunner.run("run", model.toString(), "--input", in.toString(), "--output", tmp.resolve("o.bin").toString()),
                "5 bytes", "need 1");
        assertFalse(Files.exists(tmp.resolve("o.bin")));
        assertUserError(CliRunner.run("run", model.toString(), "--input", tmp.resolve("missing.bin").toString(), "--output",
                tmp.resolve("o.bin").toString()), "input file not found");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRunner.Result r = CliRunner.run("compile", "m.tflite", "-o", "out", "--frobnicate");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("frobnicate"), r.err());
    }

    @Test
    void runWritesTheGoldenOutput() throws Exception {
        Path golden = Shared.require("golden/person_detect");
        Path out = tmp.resolve("o.bin");
        CliRunner.Result r = CliRunner.run("run", Shared.require("models/tflm/person_detect.tflite").toString(), "--input",
                golden.resolve("input_5.bin").toString(), "--output", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertArrayEquals(Files.readAllBytes(golden.resolve("output_5.bin")), Files.readAllBytes(out));
    }
}
