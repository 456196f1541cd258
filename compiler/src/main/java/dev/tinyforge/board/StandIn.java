package dev.tinyforge.board;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The emulated image of a real board: the emulator's memory map, console and QEMU machine, with the
 * real board's core flags and with every region cut down to the real board's flash and SRAM sizes,
 * so a model that overflows the real chip also fails to link for its emulation.
 */
final class StandIn {
    private StandIn() {}

    static Board of(Board real, Board emu) {
        List<Memory> memories = new ArrayList<>();
        for (Memory m : emu.memories()) {
            long cap = m.type() == Memory.Type.FLASH ? real.flashBytes() : real.sramBytes();
            memories.add(m.withLength(Math.min(m.length(), cap)));
        }
        return new Board(emu.name(), Board.Kind.EMULATED, emu.title() + " standing in for " + real.title(), real.mcu(),
                real.core(), real.cpuFlags(), emu.clockHz(), emu.resetClockHz(), emu.irqCount(), List.copyOf(memories),
                emu.placement(), real.stackBytes(), real.optimization(), emu.consoleDriver(), emu.consoleBase(), emu.consoleTxPin(),
                emu.consoleDescription(), emu.flashTool(), emu.flashCommand(), null, emu.qemuMachine(), null, null,
                Map.copyOf(emu.files()));
    }
}
