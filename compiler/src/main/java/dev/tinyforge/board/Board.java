package dev.tinyforge.board;

import java.util.List;
import java.util.Map;

/**
 * A target board, loaded from {@code boards/<name>/board.json}: its core and compiler flags, memory
 * map, console UART, how it is flashed and which emulated board stands in for it under QEMU.
 *
 * @param files        extra files from the board folder (name to content), e.g. a console driver
 *                     that needs clock and pin setup; copied into generated projects
 * @param consoleDriver the built-in UART driver to generate ("cmsdk-uart", "stm32-usart-v1",
 *                     "nrf-uart"), or "board" when the board folder supplies console.c
 * @param consoleBase  the UART's base address for built-in drivers
 * @param consoleTxPin for the nrf-uart driver on a real board: the GPIO P0 pin its TX is routed to (-1: none,
 *                     as under QEMU, whose UART needs no pin routing)
 * @param emulator     for a real board: the emulated board of the same core that tests it
 * @param qemuMachine  for an emulated board: QEMU's -M name
 */
public record Board(
        String name,
        Kind kind,
        String title,
        String mcu,
        String core,
        List<String> cpuFlags,
        long clockHz,
        long resetClockHz,
        int irqCount,
        List<Memory> memories,
        Placement placement,
        long stackBytes,
        String optimization,
        String consoleDriver,
        long consoleBase,
        int consoleTxPin,
        String consoleDescription,
        String flashTool,
        String flashCommand,
        String emulator,
        String qemuMachine,
        String renodePlatform,
        String renodeUart,
        Map<String, String> files) {

    public enum Kind { HOST, REAL, EMULATED }

    public boolean isHost() { return kind == Kind.HOST; }

    public boolean isEmulated() { return kind == Kind.EMULATED; }

    public boolean isReal() { return kind == Kind.REAL; }

    public Memory memory(String regionName) {
        for (Memory m : memories) if (m.name().equals(regionName)) return m;
        throw new IllegalArgumentException("board " + name + " has no memory region " + regionName);
    }

    /** Bytes of RAM the firmware can use: the regions that hold data, arena and stack. */
    public long sramBytes() {
        return memories.stream().filter(m -> m.type() == Memory.Type.RAM && holdsRamContent(m.name()))
                .mapToLong(Memory::length).sum();
    }

    /** Bytes of flash (code and constant) memory: the regions that hold code and weights. */
    public long flashBytes() {
        return memories.stream().filter(m -> m.name().equals(placement.code()) || m.name().equals(placement.weights()))
                .mapToLong(Memory::length).sum();
    }

    private boolean holdsRamContent(String region) {
        return region.equals(placement.data()) || region.equals(placement.arena()) || region.equals(placement.stack());
    }

    /** True when the hard-float ABI is used, so the reset handler must switch the FPU on first. */
    public boolean hasFpu() { return cpuFlags.contains("-mfloat-abi=hard"); }

    /** True for cores with a DWT cycle counter (Armv7-M and Armv8-M Mainline); not the M0/M0+. */
    /** The instruction-set extensions the kernels may use on this board's core (the host: portable C only). */
    public dev.tinyforge.Isa isa() { return isHost() ? dev.tinyforge.Isa.PORTABLE : dev.tinyforge.Isa.ofCore(core); }

    public boolean hasCycleCounter() { return !core.equals("cortex-m0") && !core.equals("cortex-m0plus") && !isHost(); }

    public boolean hasRenode() { return renodePlatform != null; }
}
