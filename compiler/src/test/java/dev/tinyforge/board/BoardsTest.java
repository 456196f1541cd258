package dev.tinyforge.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tinyforge.CompileException;

/** Board definitions: the datasheet facts of each board, stand-ins of the same core, sizes enforced. */
class BoardsTest {
    private static final long K = 1024;

    /** name, core, SRAM, flash as the boards' datasheets give them (H743: its 512 KB AXI SRAM). */
    @Test void realBoardsHaveTheirDatasheetSizes() {
        check("stm32f746g-disco", "cortex-m7", 320 * K, 1024 * K);
        check("nucleo-h743zi", "cortex-m7", 512 * K, 2048 * K);
        check("nucleo-f411re", "cortex-m4", 128 * K, 512 * K);
        check("nrf52840-dk", "cortex-m4", 256 * K, 1024 * K);
        check("bbc-microbit", "cortex-m0", 16 * K, 256 * K);
        check("nrf5340-dk", "cortex-m33", 512 * K, 1024 * K);
    }

    private static void check(String name, String core, long sram, long flash) {
        Board b = Boards.get(name);
        assertTrue(b.isReal(), name);
        assertEquals(core, b.core(), name);
        assertEquals(sram, b.sramBytes(), name);
        assertEquals(flash, b.flashBytes(), name);
        assertTrue(b.flashCommand().contains(b.flashTool()), name);
    }

    @Test void emulatedBoardsNameTheirQemuMachines() {
        assertEquals("mps2-an386", Boards.get("qemu-mps2-an386").qemuMachine());
        assertEquals("mps2-an500", Boards.get("qemu-mps2-an500").qemuMachine());
        assertEquals("mps3-an547", Boards.get("qemu-mps3-an547").qemuMachine());
        assertEquals("netduinoplus2", Boards.get("qemu-netduinoplus2").qemuMachine());
        assertEquals("microbit", Boards.get("qemu-microbit").qemuMachine());
        assertEquals(0x59303000L, Boards.get("qemu-mps3-an547").consoleBase());
        assertEquals(6, Boards.get("nrf52840-dk").consoleTxPin()); // real nRF boards route UART0 TX through PSEL
        assertEquals(-1, Boards.get("qemu-microbit").consoleTxPin());
        assertEquals(0x28000000L, Boards.get("qemu-mps3-an547").memory(Boards.get("qemu-mps3-an547").placement().weights()).origin());
        assertTrue(Boards.get("host").isHost());
    }

    @Test void standInsKeepTheRealCoreAndSizes() {
        for (Board real : Boards.all()) {
            if (!real.isReal()) continue;
            Board sim = Boards.emulationOf(real);
            assertTrue(sim.isEmulated());
            assertEquals(real.cpuFlags(), sim.cpuFlags(), real.name());
            for (Memory m : sim.memories()) {
                long cap = m.type() == Memory.Type.FLASH ? real.flashBytes() : real.sramBytes();
                assertTrue(m.length() <= cap, real.name() + " " + m.name());
            }
        }
        // Same core as the emulator, except the M33 which runs on the M55 (Armv8.1-M runs Armv8-M code).
        for (String[] pair : List.of(new String[] {"stm32f746g-disco", "cortex-m7"}, new String[] {"nucleo-h743zi", "cortex-m7"},
                new String[] {"nucleo-f411re", "cortex-m4"}, new String[] {"nrf52840-dk", "cortex-m4"},
                new String[] {"bbc-microbit", "cortex-m0"}, new String[] {"nrf5340-dk", "cortex-m55"}))
            assertEquals(pair[1], Boards.get(Boards.get(pair[0]).emulator()).core(), pair[0]);
    }

    @Test void unknownBoardListsTheKnownOnes() {
        CompileException e = assertThrows(CompileException.class, () -> Boards.get("arduino-uno"));
        assertTrue(e.getMessage().contains("unknown board 'arduino-uno'") && e.getMessage().contains("nrf52840-dk"), e.getMessage());
    }

    @Test void boardFileErrorsNameTheField() {
        CompileException e = assertThrows(CompileException.class,
                () -> BoardFile.parse("boards/x/board.json", "{\"name\": \"x\", \"kind\": \"emulated\", \"title\": \"t\", \"mcu\": 3}", java.util.Map.of()));
        assertTrue(e.getMessage().startsWith("boards/x/board.json: "), e.getMessage());
        assertEquals(320 * K, BoardFile.parseSize("320K"));
        assertEquals(0x28000000L, BoardFile.parseSize("0x28000000"));
    }
}
