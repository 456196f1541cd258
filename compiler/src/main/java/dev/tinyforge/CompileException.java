package dev.tinyforge;

/**
 * An error the user caused or can fix (bad model file, unsupported op, model too big for the board).
 * The CLI prints its message as one line on stderr and exits with status 2; it never shows a stack trace.
 */
public class CompileException extends RuntimeException {
    public CompileException(String message) { super(message); }

    public CompileException(String message, Throwable cause) { super(message, cause); }
}
