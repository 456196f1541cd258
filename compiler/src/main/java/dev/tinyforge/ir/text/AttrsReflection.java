package dev.tinyforge.ir.text;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.tinyforge.ir.Attrs;

/**
 * Prints and rebuilds {@link Attrs} records generically from their record components, so that a new
 * attribute record needs no change to the printer or the parser. Supported component types: int, int[],
 * float, float[], double, boolean and enums.
 */
final class AttrsReflection {
    private AttrsReflection() {}

    /** The record's components as name -> printed value, in declaration order. */
    static Map<String, String> print(Attrs attrs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RecordComponent c : attrs.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(attrs);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read attribute " + c.getName() + " of " + attrs, e);
            }
            out.put(c.getName(), printValue(c.getType(), v));
        }
        return out;
    }

    private static String printValue(Class<?> type, Object v) {
        if (type == int.class || type == boolean.class) return v.toString();
        if (type == float.class) return Float.toString((Float) v);
        if (type == double.class) return Double.toString((Double) v);
        if (type.isEnum()) return ((Enum<?>) v).name();
        if (type == int[].class)
            return Arrays.stream((int[]) v).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
        if (type == float[].class) {
            float[] a = (float[]) v;
            List<String> parts = new ArrayList<>();
            for (float f : a) parts.add(Float.toString(f));
            return "[" + String.join(", ", parts) + "]";
        }
        throw new IllegalStateException("attribute type " + type.getSimpleName() + " is not printable");
    }

    /** Names of the record's components, in order, for error messages. */
    static List<String> componentNames(Class<? extends Attrs> cls) {
        return Arrays.stream(cls.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    /** The Java type a component expects, spelled for error messages. */
    static Class<?> componentType(Class<? extends Attrs> cls, String name) {
        for (RecordComponent c : cls.getRecordComponents()) if (c.getName().equals(name)) return c.getType();
        return null;
    }

    /**
     * Builds the record from literal values given for exactly its components.
     *
     * @throws IllegalArgumentException naming the attribute and what was expected, when a value does not fit
     */
    static Attrs build(Class<? extends Attrs> cls, Map<String, AttrLiteral> values) {
        if (cls == Attrs.None.class && values.isEmpty()) return Attrs.None.INSTANCE;
        RecordComponent[] comps = cls.getRecordComponents();
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            types[i] = comps[i].getType();
            AttrLiteral lit = values.get(comps[i].getName());
            if (lit == null) throw new IllegalArgumentException("missing attribute '" + comps[i].getName() + "'");
            args[i] = convert(comps[i].getName(), types[i], lit);
        }
        try {
            Constructor<? extends Attrs> ctor = cls.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(cls.getSimpleName() + " rejects these attributes: " + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + cls.getSimpleName(), e);
        }
    }

    private static Object convert(String name, Class<?> type, AttrLiteral lit) {
        try {
            if (type == int.class && lit instanceof AttrLiteral.Number n) return Integer.parseInt(n.text());
            if (type == float.class && lit instanceof AttrLiteral.Number n) return Float.parseFloat(n.text());
            if (type == double.class && lit instanceof AttrLiteral.Number n) return Double.parseDouble(n.text());
            if (type == boolean.class && lit instanceof AttrLiteral.Bool b) return b.value();
            if (type == int[].class && lit instanceof AttrLiteral.NumberList l) {
                int[] a = new int[l.texts().size()];
                for (int i = 0; i < a.length; i++) a[i] = Integer.parseInt(l.texts().get(i));
                return a;
            }
            if (type == float[].class && lit instanceof AttrLiteral.NumberList l) {
                float[] a = new float[l.texts().size()];
                for (int i = 0; i < a.length; i++) a[i] = Float.parseFloat(l.texts().get(i));
                return a;
            }
            if (type.isEnum() && lit instanceof AttrLiteral.Word w) return enumConstant(name, type, w.text());
        } catch (NumberFormatException e) {
            // falls through to the type error below
        }
        throw new IllegalArgumentException("attribute '" + name + "' expects " + describeType(type)
                + ", got " + lit.describe());
    }

    private static Object enumConstant(String name, Class<?> type, String text) {
        for (Object c : type.getEnumConstants()) if (((Enum<?>) c).name().equals(text)) return c;
        String all = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("attribute '" + name + "' expects one of " + all + ", got " + text);
    }

    static String describeType(Class<?> type) {
        if (type == int.class) return "an int";
        if (type == float.class) return "a float";
        if (type == double.class) return "a double";
        if (type == boolean.class) return "true or false";
        if (type == int[].class) return "a list of ints like [1, 2]";
        if (type == float[].class) return "a list of floats like [0.5, 1.0]";
        if (type.isEnum()) return "a " + type.getSimpleName() + " name";
        return type.getSimpleName();
    }
}
