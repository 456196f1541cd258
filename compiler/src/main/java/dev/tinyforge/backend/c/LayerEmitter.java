package dev.tinyforge.backend.c;

import dev.tinyforge.ir.Node;

/** Renders one node as kernel calls. One implementation per op family; registered in {@link LayerEmitters}. */
@FunctionalInterface
public interface LayerEmitter {
    void emit(Node node, EmitContext ctx, LayerCode code);
}
