package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.CLiterals;
import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;
import dev.tinyforge.quant.params.AffineParams;

/**
 * A STRIDED_SLICE window of a streamed input (--input-stream): the rows come from the application through
 * model_read_input_row(). A window of a streamed QUANTIZE (a float image converted as it is read) reads at
 * most {@value #CHUNK_BYTES} bytes of floats at a time into a stack buffer and quantizes them with the same
 * kernel as a QUANTIZE layer, so the result is bit-exact with quantizing the whole image.
 */
final class StreamWindowEmitter {

    static final int CHUNK_BYTES = 256;

    private StreamWindowEmitter() {}

    static void emit(Node n, EmitContext ctx, LayerCode code) {
        Value src = n.input(0), out = n.output();
        Attrs.StridedSlice a = n.attrs(Attrs.StridedSlice.class);
        int r0 = a.begin()[1], c0 = a.begin()[2], rows = a.sizes()[1], cols = a.sizes()[2], ch = out.type().dim(3);
        String input = ctx.streamedInputIndex(src);
        if (src.producer() == null) { // the raw input: rows straight into the window
            long rowBytes = (long) cols * ch * out.type().elementType().byteSize();
            code.statement("for (int r = 0; r < " + rows + "; r++) model_read_input_row(" + input + ", " + r0 + " + r, " + c0 + ", "
                    + cols + ", (uint8_t *)" + ctx.bytes(out) + " + (size_t)r * " + rowBytes + "u);");
            return;
        }
        Node q = src.producer(); // a virtual QUANTIZE of the raw input
        AffineParams p = AffineParams.prepare(q);
        String params = ctx.declare("tf_affine_params", "params", "{" + CLiterals.floatLiteral(p.scale()) + ", " + p.zeroPoint() + "}");
        String fn = MveKernels.elementwise(ctx, "tf_quantize_f32_" + Structs.intSuffix(out));
        code.functions().add(fn);
        int chunk = Math.max(1, Math.min(cols, CHUNK_BYTES / (4 * ch)));
        code.statement("{\n"
                + "        float pixels[" + chunk * ch + "];\n"
                + "        for (int r = 0; r < " + rows + "; r++) {\n"
                + "            for (int c = 0; c < " + cols + "; c += " + chunk + ") {\n"
                + "                int n = " + cols + " - c < " + chunk + " ? " + cols + " - c : " + chunk + ";\n"
                + "                model_read_input_row(" + input + ", " + r0 + " + r, " + c0 + " + c, n, pixels);\n"
                + "                " + fn + "(&" + params + ", n * " + ch + ", pixels, " + ctx.ptr(out)
                + " + (r * " + cols + " + c) * " + ch + ");\n"
                + "            }\n"
                + "        }\n"
                + "    }");
    }
}
