package dev.tinyforge.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tinyforge.cli.Main;
import dev.tinyforge.testing.GoldenModel;
import dev.tinyforge.testing.Shared;
import dev.tinyforge.util.Json;

/** tinyforge boards / compile --board / run --board / bench as a user runs them. */
class BoardCliTest {
    record Run(int exit, String out, String err) {}

    static synchronized Run cli(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static Path model(String name) { return Shared.require("models/tflm/" + name + ".tflite"); }

    @Test void boardsListsCoreSizesFlashingAndEmulation() {
        Run r = cli("boards");
        assertEquals(0, r.exit());
        for (String name : List.of("host", "stm32f746g-disco", "nucleo-h743zi", "nucleo-f411re", "nrf52840-dk", "bbc-microbit",
                "nrf5340-dk", "qemu-mps2-an386", "qemu-mps2-an500", "qemu-mps3-an547", "qemu-netduinoplus2", "qemu-microbit"))
            assertTrue(r.out().contains(name), name);
        String microbit = r.out().lines().filter(l -> l.startsWith("bbc-microbit ")).findFirst().orElseThrow();
        assertTrue(microbit.contains("cortex-m0") && microbit.contains("16 KB") && microbit.contains("256 KB")
                && microbit.contains("pyocd") && microbit.contains("qemu-microbit"), microbit);
    }

    @Test void compileWritesAFirmwareProject(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("fw");
        Run r = cli("compile", model("hello_world_int8").toString(), "--board", "nrf52840-dk", "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        for (String f : List.of("Makefile", "main.c", "model.c", "model.h", "model_weights.c", "sample_input.c", "board/link.ld",
                "board/startup.c", "board/console.c", "sim/link.ld", "tools/tf_icount.c", "renode/nrf52840-dk.resc",
                "renode/nrf52840-dk.robot", "report.json"))
            assertTrue(Files.exists(out.resolve(f)), f);
        assertEquals("nrf52840-dk", Json.parseObject(Files.readString(out.resolve("report.json"))).get("board"));
        assertTrue(Files.readString(out.resolve("Makefile")).contains("nrfjprog -f NRF52 --program"));
        assertTrue(Files.readString(out.resolve("board/link.ld")).contains("LENGTH = 262144"));
    }

    @Test void compileRefusesAModelTooBigForTheBoard(@TempDir Path tmp) {
        Path out = tmp.resolve("fw");
        Path mcunet = Shared.require("models/mcunet/mcunet-vww.tflite");
        Run r = cli("compile", mcunet.toString(), "--board", "bbc-microbit", "-o", out.toString());
        assertEquals(2, r.exit());
        String msg = r.err().trim();
        assertEquals(1, msg.lines().count(), msg);
        assertTrue(msg.startsWith("tinyforge: error: model '") && msg.contains("does not fit bbc-microbit"), msg);
        // mcunet-vww: weights alone (about 450 KB) exceed the micro:bit's 256 KB flash, its arena (~160 KB) its 16 KB SRAM.
        assertTrue(msg.contains("SRAM needs") && msg.contains("but the board has 16,384 (over by "), msg);
        assertTrue(msg.contains("flash needs") && msg.contains("but the board has 262,144 (over by "), msg);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test void runOnAnEmulatedBoardReturnsTheGoldenOutput(@TempDir Path tmp) throws Exception {
        FirmwareTools.requireQemu();
        GoldenModel gm = GoldenModel.named("hello_world_int8");
        Path in = tmp.resolve("in.bin"), out = tmp.resolve("out.bin");
        Files.write(in, gm.input(1));
        for (String board : List.of("qemu-mps2-an500", "nucleo-f411re")) {
            Run r = cli("run", gm.modelFile().toString(), "--board", board, "--input", in.toString(), "--output", out.toString());
            assertEquals(0, r.exit(), r.err());
            assertArrayEquals(gm.output(1), Files.readAllBytes(out), board);
            assertTrue(r.out().contains("instructions per inference"), r.out());
        }
    }

    @Test void benchJsonHasInstructionCounts() {
        FirmwareTools.requireQemu();
        Run r = cli("bench", model("hello_world_int8").toString(), "--board", "qemu-mps2-an386", "--json");
        assertEquals(0, r.exit(), r.err());
        var j = Json.parseObject(r.out());
        assertTrue(((Double) j.get("instructions")) > 0);
        assertTrue(j.containsKey("macs_per_instruction") && j.containsKey("sram_bytes") && j.containsKey("flash_bytes"));
        @SuppressWarnings("unchecked") List<java.util.Map<String, Object>> layers = (List<java.util.Map<String, Object>>) j.get("layers");
        double sum = layers.stream().mapToDouble(l -> (Double) l.get("instructions")).sum();
        assertEquals((Double) j.get("instructions"), sum, 0.0);
    }

    @Test void makeRenodeSaysClearlyWhenRenodeIsMissing(@TempDir Path tmp) {
        FirmwareTools.requireCrossCompiler();
        assumeFalse(Processes.onPath("renode-test"), "renode is installed here; the skip message cannot be checked");
        Path renode = tmp.resolve("disco"), none = tmp.resolve("nucleo");
        assertEquals(0, cli("compile", model("hello_world_int8").toString(), "--board", "stm32f746g-disco", "-o", renode.toString()).exit());
        assertEquals(0, cli("compile", model("hello_world_int8").toString(), "--board", "nucleo-f411re", "-o", none.toString()).exit());
        Processes.Result r = Processes.run(List.of("make", "renode"), renode, 120);
        assertTrue(r.exitCode() != 0 && r.output().contains("renode is not installed here") && r.output().contains("skipped"), r.output());
        r = Processes.run(List.of("make", "renode"), none, 120);
        assertTrue(r.exitCode() != 0 && r.output().contains("Renode has no model of nucleo-f411re"), r.output());
    }
}
