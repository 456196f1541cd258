package dev.tinyforge.backend.c;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeSet;

import dev.tinyforge.CompileException;
import dev.tinyforge.backend.c.emitters.ConcatEmitter;
import dev.tinyforge.backend.c.emitters.PadEmitter;
import dev.tinyforge.backend.c.emitters.ReshapeEmitter;
import dev.tinyforge.backend.c.emitters.SliceEmitter;
import dev.tinyforge.backend.c.emitters.TransposeEmitter;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;

/** Which emitter renders which op: the one table to extend when the backend learns an op. */
public final class LayerEmitters {
    private static final Map<OpKind, LayerEmitter> EMITTERS = new EnumMap<>(OpKind.class);

    static {
        EMITTERS.put(OpKind.RESHAPE, new ReshapeEmitter());
        EMITTERS.put(OpKind.PAD, new PadEmitter());
        EMITTERS.put(OpKind.TRANSPOSE, new TransposeEmitter());
        ConcatEmitter concat = new ConcatEmitter();
        EMITTERS.put(OpKind.CONCATENATION, concat);
        EMITTERS.put(OpKind.PACK, concat);
        SliceEmitter slice = new SliceEmitter();
        EMITTERS.put(OpKind.STRIDED_SLICE, slice);
        EMITTERS.put(OpKind.SPLIT, slice);
        EMITTERS.put(OpKind.UNPACK, slice);
    }

    private LayerEmitters() {}

    public static LayerEmitter forNode(Node n) {
        LayerEmitter e = EMITTERS.get(n.kind());
        if (e == null)
            throw new CompileException("node '" + n.name() + "': the C backend has no kernel for " + n.kind()
                    + " yet; it supports " + new TreeSet<>(EMITTERS.keySet()));
        return e;
    }
}
