package dev.tinyforge.backend.c.emitters;

import java.util.Locale;

import dev.tinyforge.backend.c.CLiterals;
import dev.tinyforge.backend.c.LayerCode;

/**
 * Declarations that several layers of one model.c may ask for (patch-based plans repeat a layer per patch, models
 * repeat block shapes), emitted once behind an include guard named after them.
 */
final class OnceDeclared {
    private OnceDeclared() {}

    /** Declares {@code definition} (which defines {@code name}) once per model.c; returns the name. */
    static String definition(LayerCode code, String name, String definition) {
        String guard = "TF_DECLARED_" + name.toUpperCase(Locale.ROOT);
        code.declare("#ifndef " + guard + "\n#define " + guard + "\n" + definition + "\n#endif");
        return name;
    }

    /**
     * Declares {@code static const int32_t <name>[] = words} once per model.c: a table a kernel reads instead of a
     * model constant (weights re-ordered for it). Returns the name.
     */
    static String words(LayerCode code, String name, int[] words) {
        return definition(code, name, "static const int32_t " + name + "[" + words.length + "] = " + CLiterals.array(words) + ";");
    }
}
