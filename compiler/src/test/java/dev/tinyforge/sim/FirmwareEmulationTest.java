package dev.tinyforge.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tinyforge.Compiler;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.board.Board;
import dev.tinyforge.board.Boards;
import dev.tinyforge.board.FirmwareProject;

/**
 * The tiny layout model as firmware: runs on every emulated board (and a real board on its stand-in)
 * with outputs equal to a hand-written reference of pad/transpose/concat and to the host build;
 * builds for every real board with the real memory map.
 */
class FirmwareEmulationTest {
    static CompiledModel model;
    static byte[] input;
    static byte[] expected;

    @BeforeAll static void compile() {
        model = Compiler.compile(TinyModels.layout());
        input = new byte[6 * 5 * 3];
        new Random(42).nextBytes(input);
        expected = reference(input, model.graph().constants().get(0).constant().int8());
    }

    /** pad (h +1/+1, w +2/0, c 0/+1 with the zero point -3), transpose h and w, concat a constant on channels. */
    static byte[] reference(byte[] x, byte[] k) {
        byte[] out = new byte[7 * 8 * 8];
        for (int w = 0; w < 7; w++)
            for (int h = 0; h < 8; h++) {
                for (int c = 0; c < 4; c++) {
                    int ih = h - 1, iw = w - 2;
                    boolean inside = ih >= 0 && ih < 6 && iw >= 0 && iw < 5 && c < 3;
                    out[(w * 8 + h) * 8 + c] = inside ? x[(ih * 5 + iw) * 3 + c] : (byte) -3;
                }
                for (int c = 0; c < 4; c++) out[(w * 8 + h) * 8 + 4 + c] = k[(w * 8 + h) * 4 + c];
            }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"qemu-mps2-an386", "qemu-mps2-an500", "qemu-mps3-an547", "qemu-netduinoplus2", "qemu-microbit"})
    void runsOnEveryEmulatedBoard(String board) {
        FirmwareTools.requireQemu();
        EmulatedRun.Result r = EmulatedRun.run(model, Boards.get(board), input, false, 30);
        assertArrayEquals(expected, r.outputs(), board);
        assertTrue(r.profile().inference() > 1000, "an inference is more than a thousand instructions");
    }

    @Test void aRealBoardRunsOnItsStandIn() {
        FirmwareTools.requireQemu();
        EmulatedRun.Result r = EmulatedRun.run(model, Boards.get("stm32f746g-disco"), input, false, 30);
        assertEquals("qemu-mps2-an500", r.emulation().name());
        assertArrayEquals(expected, r.outputs());
    }

    @Test void hostBuildAgrees(@TempDir Path dir) throws Exception {
        FirmwareTools.requireCrossCompiler();
        model.code().writeTo(dir);
        assertArrayEquals(expected, HostRunner.run(HostRunner.build(dir), input, 30));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stm32f746g-disco", "nucleo-h743zi", "nucleo-f411re", "nrf52840-dk", "bbc-microbit", "nrf5340-dk"})
    void buildsForEveryRealBoard(String name, @TempDir Path dir) throws Exception {
        FirmwareTools.requireCrossCompiler();
        Board b = Boards.get(name);
        FirmwareProject.generate(model, b, input, "test").writeTo(dir);
        Path elf = FirmwareBuilder.buildForBoard(dir, false);
        assertTrue(Files.exists(dir.resolve("build/board/firmware.hex")));
        ElfSize size = ElfSize.of(elf);
        // The image sits in the board's own memories: the vector table at the start of its flash.
        Symbols sym = Symbols.of(elf);
        assertEquals(b.memory(b.placement().code()).origin(), sym.address("tf_vectors"), name);
        assertTrue(size.sramBytes() <= b.sramBytes() && size.flashBytes() <= b.flashBytes());
        assertEquals(b.stackBytes(), size.section(".stack"), 8);
    }

    @Test void m55PutsWeightsInQspiAndTheArenaInIsram(@TempDir Path dir) throws Exception {
        FirmwareTools.requireCrossCompiler();
        FirmwareProject.generate(model, Boards.get("qemu-mps3-an547"), input, "test").writeTo(dir);
        Symbols sym = Symbols.of(FirmwareBuilder.buildForBoard(dir, false));
        long weights = sym.address("__weights_start__"), arena = sym.address("__arena_start__");
        assertTrue(weights >= 0x28000000L && weights < 0x28800000L, Long.toHexString(weights));
        assertTrue(arena >= 0x21000000L && arena < 0x21400000L, Long.toHexString(arena));
        assertTrue(sym.address("main") < 0x80000L, "code in the ITCM");
    }
}
