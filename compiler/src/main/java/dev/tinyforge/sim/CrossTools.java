package dev.tinyforge.sim;

import java.util.List;

import dev.tinyforge.CompileException;

/** The external tools firmware work needs, with one clear message each when one is missing. */
public final class CrossTools {
    public static final String GCC = "arm-none-eabi-gcc";
    public static final String NM = "arm-none-eabi-nm";
    public static final String SIZE = "arm-none-eabi-size";
    public static final String QEMU = "qemu-system-arm";

    private CrossTools() {}

    public static boolean haveCrossCompiler() { return Processes.onPath(GCC) && Processes.onPath("make"); }

    public static boolean haveQemu() { return Processes.onPath(QEMU); }

    public static void requireCrossCompiler() {
        if (!haveCrossCompiler())
            throw new CompileException("building firmware needs make and " + GCC
                    + " with newlib (Debian/Ubuntu: apt-get install make gcc-arm-none-eabi libnewlib-arm-none-eabi)");
    }

    public static void requireQemu() {
        if (!haveQemu()) throw new CompileException("running firmware needs " + QEMU + " (Debian/Ubuntu: apt-get install qemu-system-arm)");
        if (!Processes.onPath("gcc")) throw new CompileException("building the QEMU instruction-counter plugin needs gcc");
    }

    static List<String> cmd(String... parts) { return List.of(parts); }
}
