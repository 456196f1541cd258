package dev.tinyforge.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tinyforge.CompileOptions;
import dev.tinyforge.Compiler;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.backend.c.RuntimeLibrary;
import dev.tinyforge.board.Board;
import dev.tinyforge.board.Boards;
import dev.tinyforge.board.MemoryBudget;
import dev.tinyforge.sim.FirmwareTools;
import dev.tinyforge.sim.LinkedSize;
import dev.tinyforge.sim.Processes;
import dev.tinyforge.testing.Shared;

/**
 * The flash estimate behind the fit check (MemoryBudget) and the report, against what the cross-compiler and the
 * linker make of the same sources. Under-estimating is the failure that matters: a model passes the check and then
 * does not link.
 */
class FlashEstimateTest {

    @Test void measuredKernelSizesMatchTheCompiler(@TempDir Path dir) throws Exception {
        FirmwareTools.requireCrossCompiler();
        RuntimeLibrary lib = RuntimeLibrary.get();
        for (Map.Entry<String, FlashEstimate.MeasuredKernel> e : FlashEstimate.MEASURED_CODE.entrySet()) {
            Path o = dir.resolve("k.o");
            long expected = e.getValue().bytes();
            Processes.Result cc = Processes.run(List.of("arm-none-eabi-gcc", "-mthumb", "-mcpu=" + e.getValue().cpu(),
                    "-mfloat-abi=hard", "-std=c99", "-O2", "-ffunction-sections", "-I" + lib.root().resolve("include"), "-c",
                    "-o", o.toString(), lib.root().resolve(e.getKey()).toString()), dir, 120);
            assertTrue(cc.exitCode() == 0, cc.output());
            long text = textBytes(dir, o);
            assertTrue(Math.abs(text - expected) <= expected / 5,
                    e.getKey() + ": " + text + " bytes of code now, FlashEstimate.MEASURED_CODE says " + expected);
        }
    }

    private static long textBytes(Path dir, Path o) {
        Processes.Result size = Processes.run(List.of("arm-none-eabi-size", "-A", o.toString()), dir, 60);
        long text = 0;
        for (String line : size.output().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[0].startsWith(".text")) text += Long.parseLong(f[1]);
        }
        return text;
    }

    /** The repository's own models: the estimate never falls more than 15% short of the linked image. */
    @Test void fitCheckDoesNotUnderestimateTheRepositoryModels() throws Exception {
        FirmwareTools.requireCrossCompiler();
        for (String board : List.of("qemu-mps2-an500", "qemu-mps3-an547")) {
            for (String model : List.of("residual_int8.tflite")) {
                Path file = Shared.repoRoot().resolve("test-models").resolve(model);
                assertClose(Compiler.load(file), board, model, 0.85, 1.8);
            }
        }
    }

    /** A real model with Helium kernels that rearrange a quarter of the weights into layer constants: within 12%. */
    @Test void fitCheckIsCloseOnMcunetVww() throws Exception {
        FirmwareTools.requireCrossCompiler();
        Path file = Shared.require("models/mcunet/mcunet-vww.tflite");
        assertClose(Compiler.load(file), "qemu-mps3-an547", "mcunet-vww", 0.88, 1.12);
    }

    private static void assertClose(dev.tinyforge.ir.Graph g, String boardName, String model, double low, double high) {
        Board b = Boards.get(boardName);
        CompiledModel cm = Compiler.compile(g, CompileOptions.DEFAULT.withIsa(b.isa()));
        long input = cm.graph().inputs().stream().mapToLong(v -> v.type().byteSize()).sum();
        long estimate = MemoryBudget.of(cm, b, input).flashBytes(), linked = LinkedSize.of(cm, b).flashBytes();
        double ratio = (double) estimate / linked;
        assertTrue(ratio >= low && ratio <= high,
                String.format("%s on %s: flash estimate %,d vs linked %,d (ratio %.2f)", model, boardName, estimate, linked, ratio));
    }
}
