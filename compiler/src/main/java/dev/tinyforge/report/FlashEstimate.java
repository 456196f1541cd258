package dev.tinyforge.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tinyforge.backend.c.GeneratedModel;
import dev.tinyforge.backend.c.RuntimeLibrary;

/**
 * Flash and stack figures estimated from the generated sources, for when no cross-compiler link is
 * available: layer constants (per-channel multipliers and shifts, dims, parameter structs) counted from
 * their declarations in model.c; code from the statements of each runtime kernel and the layer calls;
 * stack from the deepest call chain of the generated code (model_invoke, a layer function, a kernel and
 * its inline helpers). All three are flagged as estimates in the report.
 */
public final class FlashEstimate {
    private FlashEstimate() {}

    /** Bytes of Thumb-2 code per C statement at -Os, measured roughly on these kernels. */
    static final int BYTES_PER_STATEMENT = 10;
    /** Bytes of a layer function: prologue, the kernel call with its arguments, epilogue. */
    static final int BYTES_PER_LAYER_CALL = 28;
    /**
     * Deepest chain with the portable kernels: model_invoke + layer (frames of a few words) + kernel locals and saved
     * registers + helpers (the firmware measures its high-water mark: 300 bytes on kws_ref_model and person_detect).
     */
    static final long STACK_PORTABLE = 320;
    /**
     * With the DSP and Helium kernels, which keep rows, columns and tables of up to ~4 KB on the stack (high-water
     * marks measured by the firmware on the shared models: 4.2-4.5 KB).
     */
    static final long STACK_CORTEX_M_KERNELS = 4_608;

    /** The stack the inference needs with the kernels of {@code isa} (an estimate; `run` and `bench` measure it). */
    public static long stackBytes(dev.tinyforge.Isa isa) {
        return isa == null || !isa.hasDsp() ? STACK_PORTABLE : STACK_CORTEX_M_KERNELS;
    }

    private static final Pattern ARRAY =
            Pattern.compile("static const (\\w[\\w\\s*]*?)\\s+l\\d+_\\w+\\[(\\d+)\\]\\s*=\\s*(\\{.*?\\});", Pattern.DOTALL);
    private static final Pattern STRUCT = Pattern.compile("static const (tf_\\w+) l\\d+_\\w+ = \\{([^;]*)\\};");
    private static final Pattern NUMBER = Pattern.compile("-?\\b(0x[0-9a-fA-F]+|\\d+)[uUlL]*\\b");

    public static long constantsBytes(GeneratedModel code) {
        String c = code.files().getOrDefault("model.c", "");
        long bytes = 0;
        Matcher a = ARRAY.matcher(c);
        while (a.find()) {
            int element = scalarBytes(a.group(1).trim());
            // arrays of structs (tf_*): their int32 fields, as many as the initializer's numbers
            bytes += element > 0 ? element * Long.parseLong(a.group(2)) : 4L * count(NUMBER, a.group(3));
        }
        Matcher s = STRUCT.matcher(c);
        while (s.find()) bytes += 4L * (s.group(2).split(",").length);
        return bytes;
    }

    /** Bytes of a scalar C type of the generated tables, 0 for a struct. */
    private static int scalarBytes(String type) {
        return switch (type) {
            case "int8_t", "uint8_t" -> 1;
            case "int16_t", "uint16_t" -> 2;
            case "int64_t", "uint64_t", "double" -> 8;
            default -> type.startsWith("tf_") ? 0 : 4; // int32_t, uint32_t, float, pointers
        };
    }

    private static long count(Pattern p, String text) {
        Matcher m = p.matcher(text);
        long n = 0;
        while (m.find()) n++;
        return n;
    }

    public static long codeBytes(GeneratedModel code, int layers) {
        RuntimeLibrary lib = RuntimeLibrary.get();
        long statements = 0;
        for (String src : code.runtimeSources()) statements += lib.content(src).chars().filter(ch -> ch == ';').count();
        return statements * BYTES_PER_STATEMENT + (long) layers * BYTES_PER_LAYER_CALL + 256 // + the I/O accessors
                + GeneratedModel.BYTES_PER_SPECIALIZED_LAYER * code.specializedLayerFunctions();
    }
}
