package dev.tinyforge.backend.c.emitters;

import java.util.Locale;

import dev.tinyforge.backend.c.CLiterals;
import dev.tinyforge.backend.c.LayerCode;

/** Constant tables a kernel reads instead of a model constant (weights re-ordered for it), declared in model.c. */
final class PackedConstants {
    private PackedConstants() {}

    /**
     * Declares {@code static const int32_t <name>[] = words} once per model.c, also when several layers share it
     * (patch-based plans repeat a layer per patch), and returns the name.
     */
    static String declareOnce(LayerCode code, String name, int[] words) {
        String guard = "TF_DECLARED_" + name.toUpperCase(Locale.ROOT);
        code.declare("#ifndef " + guard + "\n#define " + guard + "\nstatic const int32_t " + name + "[" + words.length + "] = "
                + CLiterals.array(words) + ";\n#endif");
        return name;
    }
}
