package dev.tinyforge.cli;

import java.util.concurrent.Callable;

import dev.tinyforge.board.Board;
import dev.tinyforge.board.Boards;
import picocli.CommandLine.Command;

@Command(name = "boards", mixinStandardHelpOptions = true,
        description = "Lists the boards: core, SRAM, flash, how each is flashed and how it is emulated.")
final class BoardsCommand implements Callable<Integer> {
    @Override public Integer call() {
        System.out.printf("%-20s %-11s %9s %9s  %-10s %s%n", "board", "core", "SRAM", "flash", "flashed by", "emulated by");
        for (Board b : Boards.all()) {
            if (b.isHost()) {
                System.out.printf("%-20s %-11s %9s %9s  %-10s %s%n", b.name(), "host", "-", "-", "-", "runs natively (gcc)");
                continue;
            }
            String emulated = b.isEmulated() ? "QEMU -M " + b.qemuMachine()
                    : b.emulator() + " (QEMU -M " + Boards.get(b.emulator()).qemuMachine() + ")";
            if (b.hasRenode()) emulated += "; Renode";
            System.out.printf("%-20s %-11s %9s %9s  %-10s %s%n", b.name(), b.core(), kb(b.sramBytes()), kb(b.flashBytes()),
                    b.isEmulated() ? "-" : b.flashTool(), emulated);
        }
        return 0;
    }

    static String kb(long bytes) {
        if (bytes % (1024 * 1024) == 0) return bytes / (1024 * 1024) + " MB";
        if (bytes % 1024 == 0) return bytes / 1024 + " KB";
        return bytes + " B";
    }
}
