package dev.tinyforge.board;

/**
 * One memory region of a board as the linker sees it: a name (used in the linker script), where it
 * starts, how many bytes it has, and whether it is flash-like (code and constants, loaded by the
 * flasher) or RAM (read-write at run time).
 */
public record Memory(String name, long origin, long length, Type type) {
    public enum Type { FLASH, RAM }

    public Memory withLength(long newLength) { return new Memory(name, origin, newLength, type); }

    /** Linker script attribute string. */
    public String attributes() { return type == Type.FLASH ? "rx" : "rwx"; }
}
