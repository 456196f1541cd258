package dev.tinyforge.sim;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Skips a test loudly when the cross compiler or QEMU is missing (CI has both). */
public final class FirmwareTools {
    private FirmwareTools() {}

    public static void requireCrossCompiler() {
        if (!CrossTools.haveCrossCompiler()) System.err.println("SKIPPED: arm-none-eabi-gcc or make is not installed");
        assumeTrue(CrossTools.haveCrossCompiler(), "arm-none-eabi-gcc or make is not installed");
    }

    public static void requireQemu() {
        requireCrossCompiler();
        if (!CrossTools.haveQemu()) System.err.println("SKIPPED: qemu-system-arm is not installed");
        assumeTrue(CrossTools.haveQemu(), "qemu-system-arm is not installed");
    }
}
