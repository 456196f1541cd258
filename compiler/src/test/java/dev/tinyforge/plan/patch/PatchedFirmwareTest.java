package dev.tinyforge.plan.patch;

import dev.tinyforge.CompileOptions;
import dev.tinyforge.Compiler;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.board.Board;
import dev.tinyforge.board.Boards;
import dev.tinyforge.sim.EmulatedRun;
import dev.tinyforge.sim.FirmwareTools;
import dev.tinyforge.testing.GoldenModel;
import dev.tinyforge.testing.Shared;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Patched firmware under QEMU gives TFLM's golden output: main.c hands the model the sample input in flash
 * (model_set_input_source) when the input is streamed, or copies it into SRAM when it is not.
 */
class PatchedFirmwareTest {

    private static void check(String model, String board, PatchRequest request) {
        if (Shared.require("golden/" + model) == null) return;
        FirmwareTools.requireQemu();
        GoldenModel m = GoldenModel.named(model);
        Board b = Boards.get(board);
        CompiledModel cm = Compiler.compile(m.modelFile(), CompileOptions.DEFAULT.withIsa(b.isa()).withPatch(request));
        assertFalse(cm.patch().isOff(), model + ": expected a patched plan");
        EmulatedRun.Result r = EmulatedRun.run(cm, b, m.input(0), false, 300);
        assertArrayEquals(m.output(0), r.outputs(), model + " " + cm.patch() + " on " + board);
        System.out.printf("PATCHFW %s on %s, %s, input %s: peak %,d B, %,d instructions, bit-exact%n", model, board, cm.patch(),
                request.input(), cm.plan().peakSramBytes(), r.profile().inference());
    }

    @Test
    void mcunetVwwAutoStreamedFromFlashOnM7() {
        check("mcunet-vww", "qemu-mps2-an500", PatchRequest.AUTO.withInput(InputSource.FLASH));
    }

    @Test
    void mcunetVwwThreeByThreeInputInSramOnM4() {
        check("mcunet-vww", "qemu-mps2-an386", PatchRequest.parse("3x3@5", null));
    }

    /** An int8 input: windows are read row by row straight into the arena, no conversion. */
    @Test
    void vww96Int8AutoStreamedOnM7() {
        check("vww_96_int8", "qemu-mps2-an500", PatchRequest.AUTO.withInput(InputSource.CALLBACK));
    }
}
