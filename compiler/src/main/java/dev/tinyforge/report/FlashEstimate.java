package dev.tinyforge.report;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tinyforge.Isa;
import dev.tinyforge.backend.c.GeneratedModel;
import dev.tinyforge.backend.c.RuntimeLibrary;

/**
 * Flash and stack figures estimated from the generated sources, for when no cross-compiler link is
 * available; the report and the fit check before anything is written (MemoryBudget) use the same figures.
 * Weights: the model_weights.c arrays model.c references (the link drops the others). Layer constants
 * (rearranged filters, folded biases, per-channel multipliers and shifts, dims, parameter structs):
 * counted from their declarations in model.c. Code: the statements of each runtime kernel and its
 * private headers, measured sizes for a few template-heavy kernels, the layer calls and specialized
 * layer functions. Stack: the deepest call chain of the generated code (model_invoke, a layer function,
 * a kernel and its inline helpers). All are flagged as estimates; `report --link` measures the image.
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
    public static long stackBytes(Isa isa) {
        return isa == null || !isa.hasDsp() ? STACK_PORTABLE : STACK_CORTEX_M_KERNELS;
    }

    private static final Pattern ARRAY =
            Pattern.compile("static const (\\w[\\w\\s*]*?)\\s+\\w+\\[(\\d+)\\](?:\\s+__attribute__\\(\\(aligned\\(\\d+\\)\\)\\))?\\s*=\\s*(\\{.*?\\});", Pattern.DOTALL);
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

    /**
     * Code of the runtime kernels and the layer calls: the statements of each runtime source and of the private
     * headers under src/ it includes (inline kernel bodies are code of every file that includes them), plus each
     * layer's call and each specialized layer function.
     */
    public static long codeBytes(GeneratedModel code, int layers, Isa isa) {
        RuntimeLibrary lib = RuntimeLibrary.get();
        long statements = 0;
        long measured = 0;
        for (String src : code.runtimeSources()) {
            MeasuredKernel known = MEASURED_CODE.get(src);
            if (known != null) {
                measured += known.bytes();
                continue;
            }
            for (String f : withPrivateIncludes(lib, src)) statements += lib.content(f).chars().filter(ch -> ch == ';').count();
        }
        return statements * BYTES_PER_STATEMENT + measured + (long) layers * BYTES_PER_LAYER_CALL + 256 // + the I/O accessors
                + specializedLayerBytes(isa) * code.specializedLayerFunctions();
    }

    /**
     * Mean code of a specialized layer function at -O2, with the model.c code around it (model_invoke, the
     * layer wrappers), measured on mcunet-vww: Cortex-M7 84,044 bytes for 30 (DSP bodies unroll in assembly),
     * Cortex-M55 118,396 bytes for 53 (rows of the depthwise bodies unrolled).
     */
    static long specializedLayerBytes(Isa isa) {
        return isa == Isa.DSP ? 2_800 : isa == Isa.MVE ? 2_200 : 1_800;
    }

    /** A runtime file's code (.text bytes) as compiled for the core it is chosen on (-mcpu). */
    record MeasuredKernel(String cpu, long bytes) {}

    /**
     * Measured code (arm-none-eabi-gcc 12.2 at -O2) of the runtime files whose inline kernel bodies are instantiated
     * for many filter shapes and strides, where counting statements says little; FlashEstimateTest compiles them
     * and checks these figures.
     */
    static final Map<String, MeasuredKernel> MEASURED_CODE = Map.of(
            "src/depthwise_conv/depthwise_conv_s8_ring_dsp.c", new MeasuredKernel("cortex-m7", 32_780),
            "src/depthwise_conv/depthwise_conv_s8_planar_mve.c", new MeasuredKernel("cortex-m55", 29_728));

    private static final Pattern INCLUDE = Pattern.compile("(?m)^\\s*#\\s*include\\s+\"([^\"]+)\"");

    /** A runtime source and the headers under src/ it includes, directly or through other such headers. */
    static Set<String> withPrivateIncludes(RuntimeLibrary lib, String source) {
        Set<String> files = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(source));
        while (!todo.isEmpty()) {
            String f = todo.pop();
            if (!files.add(f)) continue;
            Matcher m = INCLUDE.matcher(lib.content(f));
            while (m.find()) {
                String h = java.nio.file.Path.of(f).resolveSibling(m.group(1)).normalize().toString().replace('\\', '/');
                if (h.startsWith("src/") && lib.headers().contains(h)) todo.push(h);
            }
        }
        return files;
    }

    private static final Pattern WEIGHT_ARRAY =
            Pattern.compile("(?m)^const (\\w+) (w_\\w+)\\[(\\d+)\\] __attribute__\\(\\(aligned\\(16\\)\\)\\)");
    private static final Pattern WEIGHT_NAME = Pattern.compile("\\bw_\\w+");

    /**
     * Bytes of the weight arrays (model_weights.c, 16-byte aligned) the layer code reads. A kernel that reads a
     * rearranged copy from model.c instead leaves the original unreferenced, and the firmware's --gc-sections link
     * drops it; the copy is counted with the layer constants.
     */
    public static long linkedWeightsBytes(GeneratedModel code) {
        Set<String> used = new HashSet<>();
        Matcher u = WEIGHT_NAME.matcher(code.files().getOrDefault("model.c", ""));
        while (u.find()) used.add(u.group());
        long bytes = 0;
        Matcher a = WEIGHT_ARRAY.matcher(code.files().getOrDefault("model_weights.c", ""));
        while (a.find()) {
            if (used.contains(a.group(2))) bytes += (scalarBytes(a.group(1)) * Long.parseLong(a.group(3)) + 15) / 16 * 16;
        }
        return bytes;
    }

    /** A firmware image's flash estimated from the generated sources: linked weights, layer constants, code. */
    public record Flash(long weights, long constants, long code) {
        public long total() { return weights + constants + code; }
    }

    /** The estimate for a compiled model, with the kernels of its ISA. */
    public static Flash of(dev.tinyforge.Compiler.CompiledModel cm) {
        GeneratedModel code = cm.code();
        return new Flash(linkedWeightsBytes(code), constantsBytes(code), codeBytes(code, cm.graph().nodes().size(), isaOf(cm)));
    }

    /** The ISA a model was compiled for (null: compiled without options, portable kernels). */
    public static Isa isaOf(dev.tinyforge.Compiler.CompiledModel cm) {
        return cm.options() == null ? null : cm.options().isa();
    }
}
