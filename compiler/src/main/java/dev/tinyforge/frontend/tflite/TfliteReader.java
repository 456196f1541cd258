package dev.tinyforge.frontend.tflite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.ir.Value;
import dev.tinyforge.ir.Verifier;

/**
 * Reads a .tflite flatbuffer into the IR: subgraph 0's tensors become values (constants when their
 * buffer holds data), its operators become nodes in file order (TFLite's execution order). Op-specific
 * translation is {@link TfliteOpTranslator}'s job. Every failure is a one-line {@link CompileException}.
 */
public final class TfliteReader {
    /** Largest model file accepted; larger ones cannot be meant for a microcontroller. */
    static final long MAX_FILE_BYTES = 512L << 20;

    private final FlatBufferView model;
    private final FlatBufferView subgraph;
    private final String fileName;
    private final Graph graph;
    private final Value[] values;

    private TfliteReader(FlatBufferView model, String fileName, String graphName) {
        this.model = model;
        this.fileName = fileName;
        int subgraphs = model.tableVectorLength(TfliteSchema.Model.SUBGRAPHS);
        if (subgraphs < 1) throw new CompileException(fileName + ": model has no subgraph");
        this.subgraph = model.getTableAt(TfliteSchema.Model.SUBGRAPHS, 0);
        this.graph = new Graph(graphName);
        this.values = new Value[subgraph.tableVectorLength(TfliteSchema.SubGraph.TENSORS)];
    }

    public static Graph read(Path path) {
        byte[] data;
        try {
            if (Files.size(path) > MAX_FILE_BYTES)
                throw new CompileException(path + ": file is larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
            data = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new CompileException("model file not found: " + path);
        } catch (IOException e) {
            throw new CompileException("cannot read model file " + path + ": " + e.getMessage());
        }
        return read(data, path.getFileName().toString());
    }

    /** Reads a model from bytes; {@code fileName} names it in errors and gives the graph its name. */
    public static Graph read(byte[] data, String fileName) {
        String graphName = fileName.replaceFirst("\\.tflite$", "");
        if (data.length < 8 || !TfliteSchema.FILE_IDENTIFIER.equals(new String(data, 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1)))
            throw new CompileException(fileName + ": not a TFLite model (no 'TFL3' identifier; "
                    + (data.length < 8 ? "file is only " + data.length + " bytes" : "the file may be truncated or of another format") + ")");
        try {
            FlatBufferView model = FlatBufferView.root(data);
            int version = model.getInt(TfliteSchema.Model.VERSION, 0);
            if (version != 3)
                throw new CompileException(fileName + ": TFLite schema version " + version + " is not supported (expected 3)");
            TfliteReader r = new TfliteReader(model, fileName, graphName);
            Graph g = r.translate();
            Verifier.verify(g);
            return g;
        } catch (CorruptModelException e) {
            throw new CompileException(fileName + ": corrupt or truncated TFLite file: " + e.getMessage());
        } catch (CompileException e) {
            throw e;
        } catch (RuntimeException e) {
            // Out-of-range indices and inconsistent tables in a damaged file end up here.
            throw new CompileException(fileName + ": corrupt or inconsistent TFLite file ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    private Graph translate() {
        for (int t : intVector(subgraph, TfliteSchema.SubGraph.INPUTS)) {
            if (isVariableTensor(t)) continue; // state, not data fed by the caller: made a variable on first use
            TensorType type = tensorType(t);
            Value v = graph.addInput(tensorName(t), type);
            values[t] = v;
        }
        List<OperatorCode> codes = operatorCodes();
        TfliteOpTranslator translator = new TfliteOpTranslator(this, graph);
        int ops = subgraph.tableVectorLength(TfliteSchema.SubGraph.OPERATORS);
        for (int i = 0; i < ops; i++) {
            FlatBufferView op = subgraph.getTableAt(TfliteSchema.SubGraph.OPERATORS, i);
            int opcodeIndex = op.getInt(TfliteSchema.Operator.OPCODE_INDEX, 0);
            if (opcodeIndex < 0 || opcodeIndex >= codes.size())
                throw new CorruptModelException("operator " + i + " uses opcode index " + opcodeIndex + " of " + codes.size());
            translator.translate(i, codes.get(opcodeIndex), op);
        }
        for (int t : intVector(subgraph, TfliteSchema.SubGraph.OUTPUTS)) graph.addOutput(value(t));
        return graph;
    }

    record OperatorCode(int builtin, int version, String customName) {
        String displayName() {
            return builtin == TfliteSchema.OP_CUSTOM ? "CUSTOM '" + customName + "'" : TfliteOpNames.name(builtin);
        }
    }

    private List<OperatorCode> operatorCodes() {
        List<OperatorCode> codes = new ArrayList<>();
        int n = model.tableVectorLength(TfliteSchema.Model.OPERATOR_CODES);
        for (int i = 0; i < n; i++) {
            FlatBufferView c = model.getTableAt(TfliteSchema.Model.OPERATOR_CODES, i);
            // Files written before code 127 existed only have the deprecated byte; newer ones have both.
            int code = Math.max(c.getByte(TfliteSchema.OperatorCode.DEPRECATED_BUILTIN_CODE, 0),
                    c.getInt(TfliteSchema.OperatorCode.BUILTIN_CODE, 0));
            codes.add(new OperatorCode(code, c.getInt(TfliteSchema.OperatorCode.VERSION, 1),
                    c.getString(TfliteSchema.OperatorCode.CUSTOM_CODE)));
        }
        return codes;
    }

    String fileName() { return fileName; }

    int tensorCount() { return values.length; }

    FlatBufferView tensorTable(int t) {
        if (t < 0 || t >= values.length) throw new CorruptModelException("tensor index " + t + " out of range (" + values.length + " tensors)");
        return subgraph.getTableAt(TfliteSchema.SubGraph.TENSORS, t);
    }

    /**
     * The value of tensor t: a graph input, an earlier op's output, a variable (persistent state; any
     * data in its buffer is ignored: TFLM starts variables from a zeroed arena), or a constant read
     * from its buffer.
     */
    Value value(int t) {
        FlatBufferView tensor = tensorTable(t);
        if (values[t] != null) return values[t];
        if (isVariableTensor(t)) {
            values[t] = graph.newVariable(tensorName(t), tensorType(t));
            return values[t];
        }
        byte[] data = bufferData(tensor);
        if (data == null || data.length == 0)
            throw new CompileException(fileName + ": tensor " + t + " ('" + tensorName(t) + "') is used before any operator produces it");
        TensorType type = tensorType(t);
        if (data.length != type.byteSize())
            throw new CompileException(fileName + ": constant tensor '" + tensorName(t) + "' holds " + data.length
                    + " bytes but its type " + type + " needs " + type.byteSize());
        values[t] = graph.newConstant(tensorName(t), Tensor.fromBytes(type, data));
        return values[t];
    }

    /** Whether tensor t is a TFLite variable tensor (is_variable = true). */
    boolean isVariableTensor(int t) {
        return tensorTable(t).getBool(TfliteSchema.Tensor.IS_VARIABLE, false);
    }

    /** The value of tensor t if it is known (defined or constant), otherwise null. */
    boolean isConstantTensor(int t) {
        if (isVariableTensor(t)) return false;
        byte[] d = bufferData(tensorTable(t));
        return values[t] == null ? d != null && d.length > 0 : values[t].isConstant();
    }

    /** Creates the value an operator defines as output t. */
    Value defineOutput(int t) {
        tensorTable(t);
        if (values[t] != null)
            throw new CompileException(fileName + ": tensor " + t + " ('" + tensorName(t) + "') is written by two operators or is a graph input");
        values[t] = graph.newValue(tensorName(t), tensorType(t));
        return values[t];
    }

    void bindOutput(int t, Value v) { values[t] = v; }

    private byte[] bufferData(FlatBufferView tensor) {
        int b = tensor.getInt(TfliteSchema.Tensor.BUFFER, 0);
        if (b == 0) return null;
        int buffers = model.tableVectorLength(TfliteSchema.Model.BUFFERS);
        if (b < 0 || b >= buffers) throw new CorruptModelException("tensor refers to buffer " + b + " of " + buffers);
        FlatBufferView buf = model.getTableAt(TfliteSchema.Model.BUFFERS, b);
        long offset = buf.getLong(TfliteSchema.Buffer.OFFSET, 0);
        if (offset > 1) return model.fileSlice(offset, buf.getLong(TfliteSchema.Buffer.SIZE, 0));
        return buf.getByteVector(TfliteSchema.Buffer.DATA);
    }

    String tensorName(int t) {
        String n = tensorTable(t).getString(TfliteSchema.Tensor.NAME);
        if (n == null || n.isBlank()) return "t" + t;
        // Converter names join every fused source op with ';': the first is the meaningful one.
        int semi = n.indexOf(';');
        return semi > 0 ? n.substring(0, semi) : n;
    }

    TensorType tensorType(int t) {
        FlatBufferView tensor = tensorTable(t);
        int[] shape = tensor.getIntVector(TfliteSchema.Tensor.SHAPE);
        if (shape == null) shape = new int[0];
        for (int d : shape)
            if (d < 0) throw new CompileException(fileName + ": tensor '" + tensorName(t) + "' has a dynamic shape; tinyforge needs static shapes");
        ElementType et = elementType(tensor.getByte(TfliteSchema.Tensor.TYPE, 0), t);
        long elements = 1;
        for (int d : shape) {
            elements *= d;
            if (elements > Integer.MAX_VALUE) throw new CompileException(fileName + ": tensor '" + tensorName(t) + "' is too large");
        }
        return new TensorType(et, shape, quant(tensor, t, shape));
    }

    private ElementType elementType(int code, int t) {
        return switch (code) {
            case TfliteSchema.TYPE_FLOAT32 -> ElementType.FLOAT32;
            case TfliteSchema.TYPE_INT32 -> ElementType.INT32;
            case TfliteSchema.TYPE_UINT8 -> ElementType.UINT8;
            case TfliteSchema.TYPE_INT64 -> ElementType.INT64;
            case TfliteSchema.TYPE_BOOL -> ElementType.BOOL;
            case TfliteSchema.TYPE_INT16 -> ElementType.INT16;
            case TfliteSchema.TYPE_INT8 -> ElementType.INT8;
            default -> throw new CompileException(fileName + ": tensor '" + tensorName(t) + "' has element type "
                    + tensorTypeName(code) + ", which tinyforge does not support (supported: float32, int32, int64, int16, int8, uint8, bool)");
        };
    }

    private static String tensorTypeName(int code) {
        String[] names = {"FLOAT32", "FLOAT16", "INT32", "UINT8", "INT64", "STRING", "BOOL", "INT16", "COMPLEX64",
                "INT8", "FLOAT64", "COMPLEX128", "UINT64", "RESOURCE", "VARIANT", "UINT32", "UINT16", "INT4"};
        return code >= 0 && code < names.length ? names[code] : "code " + code;
    }

    private Quant quant(FlatBufferView tensor, int t, int[] shape) {
        FlatBufferView q = tensor.getTable(TfliteSchema.Tensor.QUANTIZATION);
        if (q == null) return null;
        float[] scales = q.getFloatVector(TfliteSchema.Quantization.SCALE);
        if (scales == null || scales.length == 0) return null;
        long[] zps = q.getLongVector(TfliteSchema.Quantization.ZERO_POINT);
        int[] zp = new int[scales.length];
        if (zps != null && zps.length != 0) {
            if (zps.length != scales.length)
                throw new CompileException(fileName + ": tensor '" + tensorName(t) + "' has " + scales.length + " scales but "
                        + zps.length + " zero points");
            for (int i = 0; i < zp.length; i++) zp[i] = (int) zps[i];
        }
        int axis = q.getInt(TfliteSchema.Quantization.QUANTIZED_DIMENSION, 0);
        // Converters leave the filter's quantized_dimension on 1-D biases; the only axis there is 0.
        if (scales.length > 1 && shape.length == 1 && shape[0] == scales.length) axis = 0;
        if (scales.length > 1 && (axis < 0 || axis >= shape.length || shape[axis] != scales.length))
            throw new CompileException(fileName + ": tensor '" + tensorName(t) + "' has " + scales.length
                    + " per-channel scales that do not match dimension " + axis + " of its shape");
        return new Quant(scales, zp, axis);
    }

    static int[] intVector(FlatBufferView table, int field) {
        int[] v = table.getIntVector(field);
        return v == null ? new int[0] : v;
    }
}
