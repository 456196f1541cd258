package dev.tinyforge.frontend.tflite;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.tinyforge.CompileException;
import dev.tinyforge.testing.Shared;

/** Damaged files fail with one clear CompileException: never another exception, never a hang. */
class TfliteReaderBadInputTest {

    @Test
    void missingFileIsNamed() {
        CompileException e = assertThrows(CompileException.class, () -> TfliteReader.read(Path.of("no/such/model.tflite")));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void nonTfliteBytesAreRejected() {
        CompileException e = assertThrows(CompileException.class,
                () -> TfliteReader.read("this is a text file, not a model".getBytes(), "notes.txt"));
        assertTrue(e.getMessage().contains("not a TFLite model"), e.getMessage());
        assertThrows(CompileException.class, () -> TfliteReader.read(new byte[0], "empty.tflite"));
    }

    @Test
    void truncationsAtManyOffsetsFailCleanly() throws Exception {
        byte[] model = Files.readAllBytes(Shared.require("models/tflm/person_detect.tflite"));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            int failures = 0, steps = 400;
            for (int k = 1; k < steps; k++) {
                int len = (int) ((long) model.length * k / steps);
                byte[] cut = java.util.Arrays.copyOf(model, len);
                if (readsOrFailsCleanly(cut)) continue;
                failures++;
            }
            // The weights sit at the end of the file: every cut removes some, so every cut must fail.
            assertTrue(failures == steps - 1, "only " + failures + " of " + (steps - 1) + " truncations were rejected");
        });
    }

    @Test
    void randomByteFlipsNeverCrashOrHang() throws Exception {
        for (String m : new String[] {"models/tflm/person_detect.tflite", "models/mlperf-tiny/pretrainedResnet_quant.tflite"}) {
            byte[] model = Files.readAllBytes(Shared.require(m));
            Random rnd = new Random(42);
            assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
                for (int trial = 0; trial < 600; trial++) {
                    byte[] bad = model.clone();
                    // Flip in the first 4 KB (tables, vtables, offsets) most of the time: that is where damage bites.
                    int flips = 1 + rnd.nextInt(4);
                    for (int f = 0; f < flips; f++) {
                        int at = rnd.nextInt(4) == 0 ? rnd.nextInt(bad.length) : rnd.nextInt(Math.min(4096, bad.length));
                        bad[at] ^= (byte) (1 << rnd.nextInt(8));
                    }
                    readsOrFailsCleanly(bad);
                }
            });
        }
    }

    @Test
    void headerDamageIsReportedAsCorrupt() throws Exception {
        byte[] model = Files.readAllBytes(Shared.require("models/tflm/hello_world_int8.tflite"));
        byte[] bad = model.clone();
        bad[0] = (byte) 0xFF; // root offset now points past the end
        bad[1] = (byte) 0xFF;
        bad[2] = (byte) 0xFF;
        CompileException e = assertThrows(CompileException.class, () -> TfliteReader.read(bad, "hello.tflite"));
        assertTrue(e.getMessage().startsWith("hello.tflite: corrupt"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    /** True when the reader accepted the bytes, false when it rejected them with a one-line CompileException. */
    private static boolean readsOrFailsCleanly(byte[] data) {
        try {
            TfliteReader.read(data, "damaged.tflite");
            return true;
        } catch (CompileException e) {
            assertFalse(e.getMessage().contains("\n"), "multi-line message: " + e.getMessage());
            return false;
        }
        // any other exception propagates and fails the test
    }
}
