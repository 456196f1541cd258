package dev.tinyforge.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tinyforge.Compiler;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.board.Boards;
import dev.tinyforge.interp.Interpreter;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.testing.GoldenModel;

/**
 * Real int8 models as firmware under QEMU, bit-exact with TFLM's golden outputs and with the
 * interpreter: the small ones on all five emulated machines (M0, M4, M4F STM32, M7, M55), person
 * detection on the M7.
 */
class GoldenFirmwareTest {

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
            "hello_world_int8, qemu-mps3-an547", "hello_world_int8, qemu-microbit",
            "micro_speech_quantized, qemu-mps2-an386", "micro_speech_quantized, qemu-mps2-an500",
            "micro_speech_quantized, qemu-mps3-an547", "micro_speech_quantized, qemu-netduinoplus2",
            "micro_speech_quantized, qemu-microbit", "micro_speech_quantized, bbc-microbit",
            "person_detect, qemu-mps2-an500", "person_detect, nucleo-f411re"})
    void matchesTheGoldenOutputAndTheInterpreter(String name, String board) {
        FirmwareTools.requireQemu();
        GoldenModel gm = GoldenModel.named(name);
        CompiledModel cm = Compiler.compile(gm.modelFile());
        byte[] out = EmulatedRun.run(cm, Boards.get(board), gm.input(0), false, 120).outputs();
        assertArrayEquals(gm.output(0), out, name + " on " + board + " vs TFLM");
        assertArrayEquals(interpret(Compiler.load(gm.modelFile()), gm.input(0)), out, name + " on " + board + " vs interpreter");
    }

    static byte[] interpret(Graph g, byte[] input) {
        List<Tensor> ins = GoldenModel.split(g, input);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Tensor t : new Interpreter().run(g, ins)) all.writeBytes(t.toBytes());
        return all.toByteArray();
    }
}
