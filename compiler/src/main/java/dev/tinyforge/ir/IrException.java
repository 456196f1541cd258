package dev.tinyforge.ir;

/** A malformed graph or an op the IR cannot express. */
public class IrException extends RuntimeException {
    public IrException(String message) { super(message); }
}
