package dev.tinyforge.backend.c.emitters;

import dev.tinyforge.backend.c.EmitContext;
import dev.tinyforge.backend.c.LayerCode;
import dev.tinyforge.backend.c.LayerEmitter;
import dev.tinyforge.ir.Node;
import dev.tinyforge.plan.LifetimeAnalysis;

/** RESHAPE (and SQUEEZE, EXPAND_DIMS): the planner gives the output the input's bytes, so usually no code at all. */
public final class ReshapeEmitter implements LayerEmitter {
    @Override public void emit(Node n, EmitContext ctx, LayerCode code) {
        if (LifetimeAnalysis.isAlias(n)) return; // the planner gave the output the input's bytes
        code.call("tf_copy", Long.toString(n.output().type().byteSize()), ctx.bytes(n.input(0)), ctx.bytes(n.output()));
    }
}
