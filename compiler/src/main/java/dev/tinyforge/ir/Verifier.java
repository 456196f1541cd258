package dev.tinyforge.ir;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Structural checks run between passes: every use is defined before it, names are unique, links agree,
 * variables (persistent state) are produced by no node and used only as state operands, and state
 * operands are variables.
 */
public final class Verifier {
    private Verifier() {}

    public static void verify(Graph g) {
        Set<Value> defined = new HashSet<>(g.inputs());
        Set<String> names = new HashSet<>();
        for (Value v : g.inputs()) requireUnique(names, v);
        for (Node n : g.nodes()) {
            if (!n.kind().attrsClass().isInstance(n.attrs()))
                throw new IrException(n + ": attributes of the wrong kind");
            for (int index = 0; index < n.inputs().size(); index++) {
                Value in = n.input(index);
                if (in == null) continue;
                boolean state = n.kind().isStateOperand(index);
                if (in.isVariable() != state)
                    throw new IrException(n + (state ? ": state operand %" + in.name() + " must be a variable"
                            : " uses variable %" + in.name() + " as operand " + index + ", which is not a state operand"));
                if (in.isVariable() && in.producer() != null)
                    throw new IrException("variable %" + in.name() + " is produced by " + in.producer());
                if (in.isConstant() || in.isVariable()) {
                    if (defined.add(in)) requireUnique(names, in);
                } else if (!defined.contains(in)) {
                    throw new IrException(n + " uses %" + in.name() + " before it is defined");
                }
                if (!in.users().contains(n)) throw new IrException(n + " is missing from the users of %" + in.name());
            }
            for (Value out : n.outputs()) {
                if (out.producer() != n) throw new IrException("%" + out.name() + " does not name " + n + " as producer");
                if (!defined.add(out)) throw new IrException("%" + out.name() + " is defined twice");
                requireUnique(names, out);
            }
        }
        List<Value> outs = g.outputs();
        if (outs.isEmpty()) throw new IrException("graph has no outputs");
        for (Value v : outs)
            if (!defined.contains(v)) throw new IrException("graph output %" + v.name() + " is never defined");
    }

    private static void requireUnique(Set<String> names, Value v) {
        if (!names.add(v.name())) throw new IrException("value name %" + v.name() + " is used twice");
    }
}
