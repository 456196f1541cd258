package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Node;

/** Binary arithmetic: plain integer tensors to the integer kernels, quantized and float ones to ElementwiseEmitter. */
public final class ElementwiseDispatchEmitter implements LayerEmitter {
    private final LayerEmitter quantizedOrFloat = new ElementwiseEmitter();
    private final LayerEmitter integer = new IntegerElementwiseEmitter();

    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        (IntegerElementwiseEmitter.applies(n) ? integer : quantizedOrFloat).emit(n, ctx, code);
    }
}
