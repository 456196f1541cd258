package dev.tinyforge.passes;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.text.IrParser;
import dev.tinyforge.ir.text.IrPrinter;

/**
 * Runs every {@code src/test/resources/passes/*.tir}: parse the IR in the file (elided constants become
 * zeros), run the pipeline of its {@code // RUN:} line with verification after each pass, print the
 * result and match it against the file's {@code // CHECK} lines (see {@link TextCheck}).
 */
class PassTextTest {

    static List<Path> files() throws IOException, URISyntaxException {
        URL dir = PassTextTest.class.getResource("/passes");
        if (dir == null) throw new IllegalStateException("test resources folder 'passes' is missing");
        try (Stream<Path> s = Files.list(Path.of(dir.toURI()))) {
            return s.filter(p -> p.toString().endsWith(".tir")).sorted().toList();
        }
    }

    @Test
    void thereAreTextTests() throws Exception {
        assertTrue(files().size() >= 10, "expected the pass text tests under src/test/resources/passes");
    }

    static Stream<Named<Path>> named() throws IOException, URISyntaxException {
        return files().stream().map(p -> Named.of(p.getFileName().toString(), p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("named")
    void passOutputMatchesChecks(Path file) throws IOException {
        String text = Files.readString(file);
        TextCheck check = TextCheck.parse(text);
        Graph g = IrParser.parse(text, IrParser.Options.DEFAULT.withSourceName(file.getFileName().toString())
                .withZeroFillElidedConstants(true));
        Pipeline.parse(check.run).withVerifyEach(true).run(g);
        String output = IrPrinter.print(g);
        String failure = check.verify(output);
        if (failure != null) fail(file.getFileName() + ":" + failure + "\n--- output after " + check.run + " ---\n" + output);
    }
}
