package dev.tinyforge.frontend.tflite;

import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Structural equality of two graphs, as a TFLite round trip must keep it: same nodes in order with the
 * same kinds and attributes (arrays compared by content), the same value names and types (quantization
 * included) at every input and output position, constants equal byte for byte, and the same graph
 * inputs and outputs. A missing trailing optional input equals an absent (null) one.
 */
public final class GraphStructure {
    private GraphStructure() {}

    public static void assertSame(Graph expected, Graph actual) {
        assertValues("graph inputs", expected.inputs(), actual.inputs());
        assertEquals(expected.nodes().size(), actual.nodes().size(), "node count");
        for (int i = 0; i < expected.nodes().size(); i++) {
            Node e = expected.nodes().get(i), a = actual.nodes().get(i);
            String where = "node " + i + " (" + e + ")";
            assertEquals(e.kind(), a.kind(), where + " kind");
            assertAttrs(where, e.attrs(), a.attrs());
            int inputs = Math.max(e.inputs().size(), a.inputs().size());
            for (int k = 0; k < inputs; k++) assertValue(where + " input " + k, e.input(k), a.input(k));
            assertValues(where + " outputs", e.outputs(), a.outputs());
        }
        assertValues("graph outputs", expected.outputs(), actual.outputs());
    }

    private static void assertValues(String where, List<Value> expected, List<Value> actual) {
        assertEquals(expected.size(), actual.size(), where + " count");
        for (int i = 0; i < expected.size(); i++) assertValue(where + " " + i, expected.get(i), actual.get(i));
    }

    private static void assertValue(String where, Value e, Value a) {
        if (e == null || a == null) {
            assertEquals(e == null, a == null, where + ": one side has no value");
            return;
        }
        assertEquals(e.name(), a.name(), where + " name");
        assertEquals(e.type(), a.type(), where + " type of %" + e.name());
        assertEquals(e.isConstant(), a.isConstant(), where + " constness of %" + e.name());
        if (e.isConstant())
            assertArrayEquals(e.constant().toBytes(), a.constant().toBytes(), where + " data of %" + e.name());
    }

    /** Record equality with array components compared by content. */
    static void assertAttrs(String where, Attrs e, Attrs a) {
        assertEquals(e.getClass(), a.getClass(), where + " attribute record");
        for (RecordComponent c : e.getClass().getRecordComponents()) {
            try {
                Object ev = c.getAccessor().invoke(e), av = c.getAccessor().invoke(a);
                boolean same = ev instanceof int[] ei ? Arrays.equals(ei, (int[]) av) : ev.equals(av);
                assertTrue(same, where + " attribute " + c.getName() + ": expected " + show(ev) + " but was " + show(av));
            } catch (ReflectiveOperationException ex) {
                throw new AssertionError(ex);
            }
        }
    }

    private static String show(Object o) { return o instanceof int[] i ? Arrays.toString(i) : String.valueOf(o); }
}
