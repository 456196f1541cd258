package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.CLiterals;
import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;
import dev.tinyforge.quant.FloatActivationRange;

/** C initializers for the small structs of tf_types.h, shared by the emitters. */
final class Structs {
    private Structs() {}

    static String hw(int h, int w) { return "{" + h + ", " + w + "}"; }

    static String act(int min, int max) { return "{" + CLiterals.intLiteral(min) + ", " + CLiterals.intLiteral(max) + "}"; }

    static String actF32(Activation a) {
        FloatActivationRange r = FloatActivationRange.of(a);
        return "{" + CLiterals.floatLiteral(r.min()) + ", " + CLiterals.floatLiteral(r.max()) + "}";
    }

    /** Declares a tf_activation_f32 and returns &name. */
    static String actF32Ref(EmitContext ctx, Activation a) {
        return "&" + ctx.declare("tf_activation_f32", "activation", actF32(a));
    }

    static boolean isFloat(Value v) { return v.type().elementType() == ElementType.FLOAT32; }

    static boolean isInt8(Value v) { return v.type().elementType() == ElementType.INT8; }

    static boolean isInt16(Value v) { return v.type().elementType() == ElementType.INT16; }

    /** The kernel-name suffix of an int8 or int16 tensor ("s8", "s16"). */
    static String intSuffix(Value v) { return isInt16(v) ? "s16" : "s8"; }

    /** TFLite's 16x8 kernels take an int64 bias (or none); an int32 bias has no C kernel here. */
    static void requireInt64Bias(Node n, Value bias) {
        if (bias != null && bias.type().elementType() != ElementType.INT64)
            throw new dev.tinyforge.CompileException("node '" + n.name() + "': int16 " + n.kind() + " needs an int64 bias "
                    + "(TFLite's 16x8 scheme), got " + bias.type().elementType().shortName());
    }

    static String size(Value v) { return Long.toString(v.type().elementCount()); }

    /** Declares a tf_broadcast_shape (each operand padded to 4-D) and returns &name. */
    static String broadcast(EmitContext ctx, TensorType a, TensorType b, TensorType out) {
        return "&" + ctx.declare("tf_broadcast_shape", "shape", "{" + dims(a) + ", " + dims(b) + ", " + dims(out) + "}");
    }

    static String dims(TensorType t) {
        int[] d = EmitContext.padTo4(t.shape());
        return "{" + d[0] + ", " + d[1] + ", " + d[2] + ", " + d[3] + "}";
    }

    /** Fails clearly for element types a kernel family has no variant for. */
    static dev.tinyforge.CompileException unsupportedType(Node n, Value v) {
        return new dev.tinyforge.CompileException("node '" + n.name() + "': " + n.kind() + " on "
                + v.type().elementType().shortName() + " tensors has no C kernel yet");
    }
}
