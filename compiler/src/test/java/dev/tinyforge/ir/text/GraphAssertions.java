package dev.tinyforge.ir.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.List;

import dev.tinyforge.ir.Attrs;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Value;

/**
 * Structural equality of two graphs, independent of the printer: same names, types (quantization
 * included, floats by bits), attributes (arrays by content), operand wiring and constant bytes.
 */
public final class GraphAssertions {
    private GraphAssertions() {}

    public static void assertSameStructure(Graph expected, Graph actual) {
        assertEquals(expected.name(), actual.name(), "graph name");
        assertValues("graph input", expected.inputs(), actual.inputs());
        assertValues("graph output", expected.outputs(), actual.outputs());
        assertEquals(expected.nodes().size(), actual.nodes().size(), "node count");
        for (int i = 0; i < expected.nodes().size(); i++) {
            Node e = expected.nodes().get(i), a = actual.nodes().get(i);
            String where = "node " + i + " (" + e + ")";
            assertEquals(e.name(), a.name(), where + " name");
            assertEquals(e.kind(), a.kind(), where + " kind");
            assertAttrs(where, e.attrs(), a.attrs());
            assertValues(where + " input", e.inputs(), a.inputs());
            assertValues(where + " output", e.outputs(), a.outputs());
        }
        assertValues("constant", expected.constants(), actual.constants());
    }

    private static void assertValues(String what, List<Value> expected, List<Value> actual) {
        assertEquals(expected.size(), actual.size(), what + " count");
        for (int i = 0; i < expected.size(); i++) {
            Value e = expected.get(i), a = actual.get(i);
            if (e == null) {
                assertNull(a, what + " " + i + " should be absent");
                continue;
            }
            if (a == null) fail(what + " " + i + " is absent, expected %" + e.name());
            assertEquals(e.name(), a.name(), what + " " + i + " name");
            assertEquals(e.type(), a.type(), what + " %" + e.name() + " type");
            assertEquals(e.isConstant(), a.isConstant(), what + " %" + e.name() + " constness");
            assertEquals(e.isVariable(), a.isVariable(), what + " %" + e.name() + " variable (persistent state) or not");
            if (e.isConstant())
                assertArrayEquals(e.constant().toBytes(), a.constant().toBytes(), what + " %" + e.name() + " data");
        }
    }

    public static void assertAttrs(String where, Attrs expected, Attrs actual) {
        assertEquals(expected.getClass(), actual.getClass(), where + " attrs class");
        for (RecordComponent c : expected.getClass().getRecordComponents()) {
            Object e = get(c, expected), a = get(c, actual);
            if (e.getClass().isArray()) {
                assertEquals(Array.getLength(e), Array.getLength(a), where + " " + c.getName() + " length");
                for (int i = 0; i < Array.getLength(e); i++)
                    assertEquals(Array.get(e, i), Array.get(a, i), where + " " + c.getName() + "[" + i + "]");
            } else {
                // Float/Double.equals compare bits, so NaN == NaN and 0.0 != -0.0: exactly what round-trip needs.
                assertTrue(e.equals(a), where + " " + c.getName() + ": expected " + e + ", got " + a);
            }
        }
    }

    private static Object get(RecordComponent c, Attrs a) {
        try {
            return c.getAccessor().invoke(a);
        } catch (ReflectiveOperationException ex) {
            throw new AssertionError(ex);
        }
    }
}
