package dev.tinyforge.sim;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.tinyforge.Compiler;
import dev.tinyforge.Compiler.CompiledModel;
import dev.tinyforge.CompileOptions;
import dev.tinyforge.board.Board;
import dev.tinyforge.board.Boards;
import dev.tinyforge.testing.GoldenModel;
import dev.tinyforge.testing.OutputComparison;

/**
 * Every shared model with a golden, as firmware under QEMU on the Cortex-M4, M7 and M55 stand-ins, gives
 * TFLM's golden output for input 0 (bit-exact for int8 outputs; float outputs within
 * {@link OutputComparison}'s tolerance), compiled with each board's kernel variants (DSP on all three).
 * mcunetv2-large included (1-2.4 G instructions, seconds under QEMU); its final output is a weak check, so
 * the host test also compares all its layers.
 */
class GoldenFirmwareAllModelsTest {
    private static final List<String> BOARDS = List.of("qemu-mps2-an386", "qemu-mps2-an500", "qemu-mps3-an547");

    @TestFactory
    Stream<DynamicTest> everyGoldenModelOnM4M7M55() {
        return GoldenModel.all().stream().flatMap(m -> BOARDS.stream()
                .map(board -> DynamicTest.dynamicTest(m.name() + " on " + board, () -> {
                    FirmwareTools.requireQemu();
                    Board b = Boards.get(board);
                    // The board's kernels: DSP on M4/M7/M55, so this also checks the DSP variants against TFLM
                    CompiledModel cm = Compiler.compile(m.modelFile(), CompileOptions.DEFAULT.withIsa(b.isa()));
                    EmulatedRun.Result r = EmulatedRun.run(cm, b, m.input(0), false, 300);
                    String diff = OutputComparison.compare(m.output(0), r.outputs(), m.hasFloatOutput());
                    assertNull(diff, m.name() + " on " + board + ": " + diff);
                    System.out.printf("firmware %-24s on %-16s matches TFLM (%,d instructions)%n", m.name(), board,
                            r.profile().inference());
                })));
    }
}
