package dev.tinyforge.ir.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;

/**
 * Gives meaning to a syntactically valid parse tree: resolves value names (each defined once, before
 * its uses), op kinds, attribute records and constant data, and builds the {@link Graph}. Every
 * semantic error names its position.
 */
final class GraphBuilder {
    private final IrParser.Options options;
    private final Map<String, Value> values = new HashMap<>();
    private final Map<String, String> definedAt = new HashMap<>();
    private Graph graph;

    GraphBuilder(IrParser.Options options) { this.options = options; }

    Graph build(TirParser.GraphContext ctx) {
        graph = new Graph(IrNames.fromSigilToken(ctx.graphName().getText()));
        for (TirParser.InputContext in : ctx.input()) {
            String name = define(in.valueRef());
            values.put(name, graph.addInput(name, tensorType(in.tensorType())));
        }
        for (TirParser.StatementContext st : ctx.statement()) {
            if (st.constant() != null) constant(st.constant());
            else if (st.variable() != null) variable(st.variable());
            else node(st.node());
        }
        for (TirParser.ValueRefContext out : ctx.valueRef()) graph.addOutput(use(out, "graph output"));
        return graph;
    }

    private void constant(TirParser.ConstantContext ctx) {
        String name = define(ctx.valueRef());
        TensorType type = tensorType(ctx.tensorType());
        Tensor data;
        if (ctx.denseData() instanceof TirParser.DenseHexContext hex) {
            String text = hex.STRING().getText();
            byte[] raw = guard(hex, () -> Hex.decode(text, 1, text.length() - 2));
            if (raw.length != type.byteSize())
                throw error(hex, "constant %" + name + " has " + raw.length + " bytes of data, "
                        + IrPrinter.type(type) + " needs " + type.byteSize());
            data = Tensor.fromBytes(type, raw);
        } else {
            TirParser.DenseElidedContext el = (TirParser.DenseElidedContext) ctx.denseData();
            if (el.INT() != null) {
                if (!el.word().getText().equals("bytes"))
                    throw error(el.word(), "expected 'bytes' after the elided byte count, got '" + el.word().getText() + "'");
                if (!el.INT().getText().equals(Long.toString(type.byteSize())))
                    throw error(el, "constant %" + name + " claims " + el.INT().getText() + " bytes, "
                            + IrPrinter.type(type) + " has " + type.byteSize());
            }
            if (!options.zeroFillElidedConstants())
                throw error(el, "constant %" + name + " has elided data (dense<elided>), so this text cannot rebuild it; "
                        + "print the IR with full constants, or parse with zeroFillElidedConstants for tests that ignore weights");
            data = Tensor.zeros(type);
        }
        values.put(name, graph.newConstant(name, data));
    }

    private void variable(TirParser.VariableContext ctx) {
        String name = define(ctx.valueRef());
        values.put(name, graph.newVariable(name, tensorType(ctx.tensorType())));
    }

    private void node(TirParser.NodeContext ctx) {
        String kindName = ctx.opKind.getText();
        OpKind kind = Arrays.stream(OpKind.values()).filter(k -> k.irName().equals(kindName)).findFirst()
                .orElseThrow(() -> error(ctx.opKind, "unknown op '" + kindName + "'"));
        String nodeName = IrNames.unquote(ctx.nodeName.getText());

        List<Value> ins = new ArrayList<>();
        for (TirParser.OperandContext op : ctx.operand())
            ins.add(op.NONE() != null ? null : use(op.valueRef(), "operand of " + kindName + " \"" + nodeName + "\""));

        Attrs attrs = attrs(kind, ctx.attrDict());

        List<TirParser.ValueRefContext> outRefs = ctx.valueRef();
        List<TirParser.TensorTypeContext> outTypes = ctx.tensorType();
        if (outRefs.size() != outTypes.size())
            throw error(ctx, kindName + " \"" + nodeName + "\" defines " + outRefs.size() + " value(s) but gives "
                    + outTypes.size() + " type(s) after ':'");
        List<Value> outs = new ArrayList<>();
        for (int i = 0; i < outRefs.size(); i++) {
            String name = define(outRefs.get(i));
            Value v = graph.newValue(name, tensorType(outTypes.get(i)));
            values.put(name, v);
            outs.add(v);
        }
        graph.addNode(nodeName, kind, attrs, ins, outs);
    }

    private Attrs attrs(OpKind kind, TirParser.AttrDictContext dict) {
        Class<? extends Attrs> cls = kind.attrsClass();
        List<String> expected = AttrsReflection.componentNames(cls);
        Map<String, AttrLiteral> given = new LinkedHashMap<>();
        if (dict != null) {
            for (TirParser.AttrContext a : dict.attr()) {
                String key = a.word().getText();
                if (!expected.contains(key))
                    throw error(a, kind.irName() + " has no attribute '" + key + "'"
                            + (expected.isEmpty() ? " (it takes none)" : "; its attributes are " + String.join(", ", expected)));
                if (given.put(key, literal(a.attrValue())) != null)
                    throw error(a, "attribute '" + key + "' is given twice");
            }
        }
        ParserRuleContext where = dict != null ? dict : null;
        try {
            return AttrsReflection.build(cls, given);
        } catch (IllegalArgumentException e) {
            ParserRuleContext at = where;
            if (dict != null)
                for (TirParser.AttrContext a : dict.attr())
                    if (e.getMessage().contains("'" + a.word().getText() + "'")) at = a;
            throw at != null ? error(at, kind.irName() + ": " + e.getMessage())
                    : new CompileException(options.sourceName() + ": " + kind.irName() + ": " + e.getMessage());
        }
    }

    private static AttrLiteral literal(TirParser.AttrValueContext v) {
        if (v instanceof TirParser.NumberValueContext n) return new AttrLiteral.Number(n.number().getText());
        if (v instanceof TirParser.BoolValueContext b) return new AttrLiteral.Bool(b.TRUE() != null);
        if (v instanceof TirParser.EnumValueContext e) return new AttrLiteral.Word(e.word().getText());
        TirParser.ListValueContext l = (TirParser.ListValueContext) v;
        return new AttrLiteral.NumberList(l.number().stream().map(ParserRuleContext::getText).toList());
    }

    private TensorType tensorType(TirParser.TensorTypeContext ctx) {
        String body = ctx.SHAPED_ELEMENT() != null ? ctx.SHAPED_ELEMENT().getText() : ctx.word().getText();
        String[] parts = body.split("x", -1);
        String elementName = parts[parts.length - 1];
        ElementType et = Arrays.stream(ElementType.values()).filter(t -> t.shortName().equals(elementName)).findFirst()
                .orElseThrow(() -> error(ctx, "unknown element type '" + elementName + "'; expected one of "
                        + Arrays.stream(ElementType.values()).map(ElementType::shortName).collect(Collectors.joining(", "))));
        int[] shape = new int[parts.length - 1];
        for (int i = 0; i < shape.length; i++) {
            String d = parts[i];
            shape[i] = guard(ctx, () -> Integer.parseInt(d));
        }
        Quant q = ctx.quant() == null ? null : quant(ctx.quant());
        return new TensorType(et, shape, q);
    }

    private Quant quant(TirParser.QuantContext ctx) {
        return guard(ctx, () -> {
            if (ctx instanceof TirParser.PerTensorQuantContext pt)
                return Quant.perTensor(Float.parseFloat(pt.number().getText()), Integer.parseInt(pt.INT().getText()));
            TirParser.PerChannelQuantContext pc = (TirParser.PerChannelQuantContext) ctx;
            List<TerminalNode> ints = pc.INT();
            int axis = Integer.parseInt(ints.get(0).getText());
            float[] scales = new float[pc.number().size()];
            for (int i = 0; i < scales.length; i++) scales[i] = Float.parseFloat(pc.number(i).getText());
            int[] zps = new int[ints.size() - 1];
            for (int i = 0; i < zps.length; i++) zps[i] = Integer.parseInt(ints.get(i + 1).getText());
            if (scales.length != zps.length)
                throw new IllegalArgumentException("per-channel quantization has " + scales.length + " scales but "
                        + zps.length + " zero points");
            return new Quant(scales, zps, axis);
        });
    }

    /** Registers a new value name, rejecting a second definition. */
    private String define(TirParser.ValueRefContext ref) {
        String name = IrNames.fromSigilToken(ref.getText());
        if (name.isEmpty()) throw error(ref, "a value name cannot be empty");
        String first = definedAt.putIfAbsent(name, position(ref.getStart()));
        if (first != null) throw error(ref, "%" + name + " is defined twice (first at " + first + ")");
        return name;
    }

    private Value use(TirParser.ValueRefContext ref, String role) {
        String name = IrNames.fromSigilToken(ref.getText());
        Value v = values.get(name);
        if (v == null) throw error(ref, "undefined value %" + name + " (" + role + "); values must be defined before they are used");
        return v;
    }

    private interface Parse<T> { T get(); }

    /** Runs a conversion, turning a number format or IR constructor complaint into a positioned error. */
    private <T> T guard(ParserRuleContext at, Parse<T> p) {
        try {
            return p.get();
        } catch (NumberFormatException e) {
            throw error(at, "number out of range in '" + at.getText() + "'");
        } catch (IllegalArgumentException e) {
            throw error(at, e.getMessage());
        }
    }

    private static String position(Token t) { return t.getLine() + ":" + (t.getCharPositionInLine() + 1); }

    private CompileException error(ParserRuleContext at, String msg) {
        return new CompileException(options.sourceName() + ":" + position(at.getStart()) + ": " + msg);
    }

    private CompileException error(Token at, String msg) {
        return new CompileException(options.sourceName() + ":" + position(at) + ": " + msg);
    }
}
