package dev.tinyforge.frontend.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

import com.google.protobuf.CodedOutputStream;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Tensor;

/** The raw protobuf reader on hand-encoded messages (field numbers from onnx.proto). */
class OnnxProtoReaderTest {

    private static byte[] tensorProto(boolean packedFloats) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        CodedOutputStream o = CodedOutputStream.newInstance(b);
        o.writeInt64(1, 2); // dims
        o.writeInt64(1, 3);
        o.writeInt32(2, OnnxProto.FLOAT);
        if (packedFloats) {
            o.writeTag(4, 2);
            o.writeUInt32NoTag(6 * 4);
            for (int i = 0; i < 6; i++) o.writeFloatNoTag(i * 0.5f);
        } else {
            for (int i = 0; i < 6; i++) o.writeFloat(4, i * 0.5f);
        }
        o.writeString(8, "t");
        o.writeInt32(99, 7); // unknown field, skipped
        o.flush();
        return b.toByteArray();
    }

    @Test void floatDataPackedAndUnpacked() throws IOException {
        for (boolean packed : new boolean[] {true, false}) {
            Tensor t = OnnxTensors.toTensor(OnnxProtoReader.readTensor(tensorProto(packed)));
            assertEquals(ElementType.FLOAT32, t.type().elementType());
            assertArrayEquals(new int[] {2, 3}, t.type().shape());
            assertArrayEquals(new float[] {0f, 0.5f, 1f, 1.5f, 2f, 2.5f}, t.float32());
        }
    }

    @Test void rawDataInt64AndUint16() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        CodedOutputStream o = CodedOutputStream.newInstance(b);
        o.writeInt64(1, 2);
        o.writeInt32(2, OnnxProto.UINT16);
        o.writeByteArray(9, new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 0});
        o.flush();
        Tensor t = OnnxTensors.toTensor(OnnxProtoReader.readTensor(b.toByteArray()));
        assertEquals(ElementType.INT32, t.type().elementType()); // uint16 held as int32
        assertArrayEquals(new int[] {65535, 1}, t.int32());
    }

    @Test void rawDataOfTheWrongSizeIsAnError() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        CodedOutputStream o = CodedOutputStream.newInstance(b);
        o.writeInt64(1, 3);
        o.writeInt32(2, OnnxProto.FLOAT);
        o.writeByteArray(9, new byte[8]);
        o.flush();
        assertThrows(CompileException.class, () -> OnnxTensors.toTensor(OnnxProtoReader.readTensor(b.toByteArray())));
    }

    @Test void truncatedModelIsAOneLineError() {
        CompileException e = assertThrows(CompileException.class, () -> OnnxProtoReader.readModel(new byte[] {0x08, 0x07, 0x3a, 0x10, 0x0a}));
        assertEquals(-1, e.getMessage().indexOf('\n'));
    }
}
