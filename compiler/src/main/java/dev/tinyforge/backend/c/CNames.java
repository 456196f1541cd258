package dev.tinyforge.backend.c;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Turns IR names into unique, readable C identifiers. */
public final class CNames {
    private final Set<String> used = new HashSet<>();
    private final Map<Object, String> assigned = new HashMap<>();

    /** The identifier for {@code key}, made from {@code hint} on first request. */
    public String name(Object key, String prefix, String hint) {
        return assigned.computeIfAbsent(key, k -> unique(prefix + sanitize(hint)));
    }

    public String unique(String base) {
        String b = base.length() > 48 ? base.substring(0, 48) : base;
        String n = b;
        for (int i = 1; !used.add(n); i++) n = b + "_" + i;
        return n;
    }

    public static String sanitize(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) b.append(Character.isLetterOrDigit(c) && c < 128 ? c : '_');
        String r = b.toString().replaceAll("_+", "_").replaceAll("^_|_$", "");
        if (r.isEmpty()) r = "v";
        if (Character.isDigit(r.charAt(0))) r = "_" + r;
        return r;
    }

    /** Text safe inside a C block comment. */
    public static String comment(String s) {
        return s.replace("*/", "* /").replace("/*", "/ *").replaceAll("[\\r\\n]", " ");
    }
}
