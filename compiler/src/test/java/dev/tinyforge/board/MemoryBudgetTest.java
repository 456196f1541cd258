package dev.tinyforge.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tinyforge.CompileException;
import dev.tinyforge.Compiler;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.sim.FirmwareTools;
import dev.tinyforge.sim.Processes;
import dev.tinyforge.sim.TinyModels;

/** The fit check before anything is written, and the linker script's second check. */
class MemoryBudgetTest {

    @Test void tooBigForTheMicrobitNamesSramAndFlash() {
        CompiledModel cm = Compiler.compile(TinyModels.tooBigForMicrobit());
        // By hand: input 96*96*4 = 36,864 and output 96*96*36 = 331,776 bytes are live together.
        assertEquals(368_640, cm.plan().arenaBytes());
        CompileException e = assertThrows(CompileException.class,
                () -> FirmwareProject.generate(cm, Boards.get("bbc-microbit"), null, null));
        String m = e.getMessage();
        assertTrue(m.startsWith("model 'big_layout' does not fit bbc-microbit: "), m);
        // SRAM: arena 368,640 + stack 1,536 + static data 256 + 4 (one layer) = 370,436; 16,384 on the board.
        assertTrue(m.contains("SRAM needs 370,436 bytes") && m.contains("but the board has 16,384 (over by 354,052)"), m);
        // flash: weights 294,912 + code estimate + sample input 36,864 against 262,144.
        assertTrue(m.contains("flash needs") && m.contains("weights 294,912") && m.contains("but the board has 262,144 (over by "), m);
        assertTrue(!m.contains("\n"), "one line");
    }

    @Test void bigModelFitsTheEmulatedM7() {
        CompiledModel cm = Compiler.compile(TinyModels.tooBigForMicrobit());
        FirmwareProject p = FirmwareProject.generate(cm, Boards.get("qemu-mps2-an500"), null, null);
        assertTrue(p.files().containsKey("board/link.ld"));
    }

    @Test void onlyTheOverflowingSideSaysOver() {
        CompiledModel cm = Compiler.compile(TinyModels.tooBigForMicrobit());
        // nucleo-f411re: 128 KB SRAM is too little, 512 KB flash is enough.
        String m = assertThrows(CompileException.class, () -> FirmwareProject.generate(cm, Boards.get("nucleo-f411re"), null, null))
                .getMessage();
        assertTrue(m.contains("but the board has 131,072 (over by ") && m.contains("of 524,288 (fits)"), m);
    }

    @Test void theLinkerScriptEnforcesTheBoardsSizes(@TempDir Path dir) throws Exception {
        FirmwareTools.requireCrossCompiler();
        CompiledModel cm = Compiler.compile(TinyModels.layout());
        FirmwareProject.generate(cm, Boards.get("bbc-microbit"), null, null).writeTo(dir);
        // Shrink the micro:bit's SRAM below what the image needs: the link must fail, naming the region.
        Path ld = dir.resolve("board/link.ld");
        Files.writeString(ld, Files.readString(ld).replace("LENGTH = 16384", "LENGTH = 1024"));
        Processes.Result r = Processes.run(List.of("make", "-s", "elf"), dir, 300);
        assertTrue(r.exitCode() != 0, r.output());
        assertTrue(r.output().contains("region `SRAM' overflowed"), r.output());
    }
}
