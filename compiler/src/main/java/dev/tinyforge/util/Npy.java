package dev.tinyforge.util;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;

/** NumPy .npy (format 1.0-3.0, C order, little-endian) to and from IR tensors. */
public final class Npy {
    private Npy() {}

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=]?)([a-z])(\\d+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    public static Tensor read(byte[] b, String what) {
        if (b.length < 10 || b[0] != (byte) 0x93 || b[1] != 'N' || b[2] != 'U') throw new CompileException(what + " is not a .npy file");
        int major = b[6];
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = major == 1 ? Short.toUnsignedInt(bb.getShort(8)) : bb.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(b, start, headerLen, StandardCharsets.ISO_8859_1);
        if (header.contains("'fortran_order': True")) throw new CompileException(what + ": Fortran-order arrays are not supported");
        Matcher d = DESCR.matcher(header), s = SHAPE.matcher(header);
        if (!d.find() || !s.find()) throw new CompileException(what + ": unreadable .npy header");
        if (d.group(1).equals(">")) throw new CompileException(what + ": big-endian arrays are not supported");
        String kind = d.group(2) + d.group(3);
        String[] dims = s.group(1).split(",");
        int[] shape = java.util.Arrays.stream(dims).map(String::trim).filter(x -> !x.isEmpty()).mapToInt(Integer::parseInt).toArray();
        TensorType t = new TensorType(switch (kind) {
            case "f4", "f8" -> ElementType.FLOAT32;
            case "i1" -> ElementType.INT8;
            case "u1" -> ElementType.UINT8;
            case "b1" -> ElementType.BOOL;
            case "i2" -> ElementType.INT16;
            case "i4" -> ElementType.INT32;
            case "i8" -> ElementType.INT64;
            default -> throw new CompileException(what + ": .npy element type " + kind + " is not supported");
        }, shape);
        ByteBuffer data = ByteBuffer.wrap(b, start + headerLen, b.length - start - headerLen).order(ByteOrder.LITTLE_ENDIAN);
        Tensor out = Tensor.zeros(t);
        for (int i = 0; i < out.size(); i++) {
            switch (kind) {
                case "f4" -> out.float32()[i] = data.getFloat();
                case "f8" -> out.float32()[i] = (float) data.getDouble();
                case "i1", "u1", "b1" -> out.int8()[i] = data.get();
                case "i2" -> out.int16()[i] = data.getShort();
                case "i4" -> out.int32()[i] = data.getInt();
                default -> out.int64()[i] = data.getLong();
            }
        }
        return out;
    }

    public static byte[] write(Tensor t) {
        String descr = switch (t.type().elementType()) {
            case FLOAT32 -> "<f4"; case INT8 -> "|i1"; case UINT8 -> "|u1"; case BOOL -> "|b1";
            case INT16 -> "<i2"; case INT32 -> "<i4"; case INT64 -> "<i8";
        };
        int[] s = t.type().shape();
        StringBuilder shape = new StringBuilder();
        for (int d : s) shape.append(d).append(",");
        if (s.length > 1) shape.setLength(shape.length() - 1);
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + shape + "), }";
        int total = 10 + header.length() + 1;
        header += " ".repeat((64 - total % 64) % 64) + "\n";
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1), data = t.toBytes();
        ByteBuffer out = ByteBuffer.allocate(10 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
        out.putShort((short) h.length).put(h).put(data);
        return out.array();
    }
}
