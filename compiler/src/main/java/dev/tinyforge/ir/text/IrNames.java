package dev.tinyforge.ir.text;

import java.util.regex.Pattern;

/**
 * Spelling of names in the textual IR: a name made only of safe characters prints bare ({@code %conv_1}),
 * anything else is quoted with backslash escapes ({@code %"serving_default_input:0"}). Node names are
 * always quoted strings.
 */
final class IrNames {
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_.$/\\-]+");

    private IrNames() {}

    static String valueRef(String name) { return "%" + bareOrQuoted(name); }

    static String graphRef(String name) { return "@" + bareOrQuoted(name); }

    static String bareOrQuoted(String name) {
        return BARE.matcher(name).matches() ? name : quote(name);
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    /** Inverse of {@link #quote}: {@code text} includes the surrounding quotes. */
    static String unquote(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = text.charAt(++i);
            switch (e) {
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (i + 4 > text.length() - 2)
                        throw new IllegalArgumentException("truncated \\u escape");
                    b.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> b.append(e);
            }
        }
        return b.toString();
    }

    /** The name in a %name / @name token (sigil included). */
    static String fromSigilToken(String token) {
        String body = token.substring(1);
        return body.startsWith("\"") ? unquote(body) : body;
    }
}
