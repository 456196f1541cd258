package dev.tinyforge.backend.c.emitters;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.tinyforge.CompileException;
import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Activation;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;

/**
 * CONCATENATION (and PACK, which is a concatenation along a new axis of size 1 per input). Inputs must
 * share the output's quantization, as TFLM requires for int8, so the kernel only moves bytes.
 */
public final class ConcatEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        int axis;
        int[] sizes = new int[n.inputs().size()];
        int[] out = n.output().type().shape();
        if (n.attrs() instanceof Attrs.Concat c) {
            if (c.activation() != Activation.NONE)
                throw new CompileException("node '" + n.name() + "': CONCATENATION with a fused activation is not supported");
            axis = c.axis();
            for (int i = 0; i < sizes.length; i++) sizes[i] = n.input(i).type().dim(axis);
        } else {
            axis = n.attrs(Attrs.Axis.class).axis();
            java.util.Arrays.fill(sizes, 1);
        }
        for (Value in : n.inputs())
            if (!Objects.equals(in.type().quant(), n.output().type().quant()))
                throw new CompileException("node '" + n.name() + "': " + n.kind() + " of inputs with different quantization ("
                        + in.type().quant() + " vs output " + n.output().type().quant() + ") is not supported");
        long outer = 1, inner = 1;
        for (int d = 0; d < axis; d++) outer *= out[d];
        for (int d = axis + 1; d < out.length; d++) inner *= out[d];
        List<String> ptrs = new ArrayList<>();
        for (Value in : n.inputs()) ptrs.add(ctx.bytes(in));
        String inputs = ctx.declareArray("void *const", "inputs", ptrs.size(), "{" + String.join(", ", ptrs) + "}");
        code.call("tf_concat", Integer.toString(sizes.length), inputs,
                ctx.declareInts("axis_sizes", sizes), Long.toString(outer), Long.toString(inner),
                Integer.toString(n.output().type().elementType().byteSize()), ctx.bytes(n.output()));
    }
}
