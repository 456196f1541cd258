package dev.tinyforge.frontend.onnx;

import dev.tinyforge.CompileException;

/** An ONNX construct tinyforge does not translate (as opposed to a malformed model). */
public final class UnsupportedOnnxException extends CompileException {
    public UnsupportedOnnxException(String message) { super(message); }
}
