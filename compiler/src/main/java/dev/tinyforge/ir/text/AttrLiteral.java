package dev.tinyforge.ir.text;

import java.util.List;

/**
 * An attribute value as written in the text, before it is given a Java type by the record component it
 * is assigned to. Numbers keep their spelling so that each component type parses them its own way.
 */
sealed interface AttrLiteral {
    record Number(String text) implements AttrLiteral {}

    record Bool(boolean value) implements AttrLiteral {}

    /** A bare word: an enum constant's name. */
    record Word(String text) implements AttrLiteral {}

    record NumberList(List<String> texts) implements AttrLiteral {}

    /** How the literal reads in an error message. */
    default String describe() {
        if (this instanceof Number n) return n.text();
        if (this instanceof Bool b) return Boolean.toString(b.value());
        if (this instanceof Word w) return w.text();
        return "[" + String.join(", ", ((NumberList) this).texts()) + "]";
    }
}
