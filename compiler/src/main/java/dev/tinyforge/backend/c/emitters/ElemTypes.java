package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Value;

/** The tf_elem_type constant (tf_types.h) of a value, for the kernels generic over element types. */
final class ElemTypes {
    private ElemTypes() {}

    static String of(ElementType t) {
        return "TF_ELEM_" + t.shortName().toUpperCase(java.util.Locale.ROOT);
    }

    static String of(Value v) { return of(v.type().elementType()); }

    /** True for integer tensors without quantization: plain integer arithmetic, not int8 real numbers. */
    static boolean isPlainInteger(Value v) {
        return !v.type().elementType().isFloat() && !v.type().isQuantized();
    }
}
