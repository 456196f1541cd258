package dev.tinyforge.plan.patch;

import dev.tinyforge.CompileException;

import java.util.Locale;

/**
 * Where the model's input image lives. SRAM: written whole into the model's input buffer before each
 * inference (counted in peak SRAM). FLASH and CALLBACK stream it: the first layers read only the windows
 * they need, row by row, through {@code model_read_input_row()}; its weak default copies from a pointer
 * the application sets with {@code model_set_input_source()} (for example a const image in flash), and an
 * application overrides it to read from a camera or a file instead. Only the windows count in SRAM.
 */
public enum InputSource {
    SRAM, FLASH, CALLBACK;

    public boolean streamed() { return this != SRAM; }

    public static InputSource parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CompileException("--input-stream expects sram, flash or callback, got '" + text + "'");
        }
    }
}
