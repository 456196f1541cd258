package dev.tinyforge.frontend.tflite;

import dev.tinyforge.CompileException;

/** The file is not a well-formed TFLite flatbuffer. */
final class CorruptModelException extends CompileException {
    CorruptModelException(String message) { super(message); }
}
