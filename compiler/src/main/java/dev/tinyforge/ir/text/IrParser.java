package dev.tinyforge.ir.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.IrException;
import dev.tinyforge.ir.Verifier;

/**
 * Reads textual IR (as {@link IrPrinter} writes it) back into a {@link Graph} that passes
 * {@link Verifier}. Every problem is a {@link CompileException} whose one-line message starts with
 * {@code source:line:column:} and says what was expected.
 */
public final class IrParser {

    /**
     * @param sourceName              how error messages name the text (a file name)
     * @param zeroFillElidedConstants accept {@code dense<elided>} constants and fill them with zeros
     *                                (for pass tests that do not care about weights); off by default
     *                                because such a graph computes something else than the printed one
     */
    public record Options(String sourceName, boolean zeroFillElidedConstants) {
        public static final Options DEFAULT = new Options("<ir>", false);

        public Options withSourceName(String name) { return new Options(name, zeroFillElidedConstants); }

        public Options withZeroFillElidedConstants(boolean on) { return new Options(sourceName, on); }
    }

    private IrParser() {}

    public static Graph parse(String text) { return parse(text, Options.DEFAULT); }

    public static Graph parse(Path file) { return parse(file, Options.DEFAULT.withSourceName(file.toString())); }

    public static Graph parse(Path file, Options options) {
        try {
            return parse(Files.readString(file), options);
        } catch (IOException e) {
            throw new CompileException("cannot read IR file " + file + ": " + e.getMessage(), e);
        }
    }

    public static Graph parse(String text, Options options) {
        ThrowingListener errors = new ThrowingListener(options.sourceName());
        TirLexer lexer = new TirLexer(CharStreams.fromString(text, options.sourceName()));
        lexer.removeErrorListeners();
        lexer.addErrorListener(errors);
        TirParser parser = new TirParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
        TirParser.ModuleContext tree = parser.module();
        Graph g = new GraphBuilder(options).build(tree.graph());
        try {
            Verifier.verify(g);
        } catch (IrException e) {
            throw new CompileException(options.sourceName() + ": invalid graph: " + e.getMessage(), e);
        }
        return g;
    }

    /** Turns ANTLR's first syntax error into a CompileException, with token names spelled for people. */
    private static final class ThrowingListener extends BaseErrorListener {
        private static final Pattern TOKEN_NAME = Pattern.compile("\\b(VALUE_ID|GRAPH_ID|SHAPED_ELEMENT|INT|FLOAT|STRING|IDENT|UNEXPECTED)\\b");
        private final String source;

        ThrowingListener(String source) { this.source = source; }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column,
                                String msg, RecognitionException e) {
            throw new CompileException(source + ":" + line + ":" + (column + 1) + ": " + friendly(msg));
        }

        /** Renames token types in the "expecting ..." part; the offending text before it is left alone. */
        private static String friendly(String msg) {
            int at = msg.lastIndexOf("expecting");
            if (at < 0) return msg;
            Matcher m = TOKEN_NAME.matcher(msg);
            m.region(at, msg.length());
            StringBuilder b = new StringBuilder();
            b.append(msg, 0, at);
            int last = at;
            while (m.find()) {
                String r = switch (m.group(1)) {
                    case "VALUE_ID" -> "%value";
                    case "GRAPH_ID" -> "@name";
                    case "SHAPED_ELEMENT" -> "a shape like 1x4xi8";
                    case "INT" -> "an integer";
                    case "FLOAT" -> "a float";
                    case "STRING" -> "a \"string\"";
                    case "IDENT" -> "a word";
                    default -> "something else";
                };
                b.append(msg, last, m.start()).append(r);
                last = m.end();
            }
            return b.append(msg, last, msg.length()).toString();
        }
    }
}
