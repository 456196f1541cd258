package dev.tinyforge.passes;

import java.util.ArrayList;
import java.util.List;

/**
 * LLVM-lit/FileCheck-style expectations read from {@code //} comment lines of a test file:
 * <ul>
 *   <li>{@code // RUN: pass-a,pass-b} the pipeline to run (exactly one RUN line);</li>
 *   <li>{@code // CHECK: text} the next output line (after the previous match) containing text;</li>
 *   <li>{@code // CHECK-NEXT: text} the line right after the previous match contains text;</li>
 *   <li>{@code // CHECK-NOT: text} no line between the previous match and the next match (or the end)
 *       contains text.</li>
 * </ul>
 * Matching is by substring after collapsing runs of whitespace to one space on both sides. A file needs
 * at least one CHECK, so that an empty output cannot pass.
 */
final class TextCheck {
    enum Kind { CHECK, CHECK_NEXT, CHECK_NOT }

    record Directive(Kind kind, String pattern, int line) {}

    final String run;
    final List<Directive> directives;

    private TextCheck(String run, List<Directive> directives) {
        this.run = run;
        this.directives = directives;
    }

    static TextCheck parse(String fileText) {
        String run = null;
        List<Directive> ds = new ArrayList<>();
        List<String> lines = fileText.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).trim();
            if (!t.startsWith("//")) continue;
            String c = t.substring(2).trim();
            if (c.startsWith("RUN:")) {
                if (run != null) throw new IllegalArgumentException("line " + (i + 1) + ": a second RUN line");
                run = c.substring(4).trim();
            } else if (c.startsWith("CHECK:")) {
                ds.add(new Directive(Kind.CHECK, normalize(c.substring(6)), i + 1));
            } else if (c.startsWith("CHECK-NEXT:")) {
                ds.add(new Directive(Kind.CHECK_NEXT, normalize(c.substring(11)), i + 1));
            } else if (c.startsWith("CHECK-NOT:")) {
                ds.add(new Directive(Kind.CHECK_NOT, normalize(c.substring(10)), i + 1));
            } else if (c.startsWith("CHECK")) {
                throw new IllegalArgumentException("line " + (i + 1) + ": unknown directive '" + c + "'");
            }
        }
        if (run == null || run.isEmpty()) throw new IllegalArgumentException("no '// RUN: <passes>' line");
        if (ds.stream().noneMatch(d -> d.kind() == Kind.CHECK))
            throw new IllegalArgumentException("no '// CHECK:' line: the test could not fail");
        for (Directive d : ds)
            if (d.pattern().isEmpty()) throw new IllegalArgumentException("line " + d.line() + ": empty " + d.kind());
        return new TextCheck(run, ds);
    }

    /** Null when the output satisfies every directive, else what failed. */
    String verify(String output) {
        List<String> out = output.lines().map(TextCheck::normalize).toList();
        int last = -1; // index of the last matched output line
        List<Directive> pendingNot = new ArrayList<>();
        for (Directive d : directives) {
            switch (d.kind()) {
                case CHECK_NOT -> pendingNot.add(d);
                case CHECK_NEXT -> {
                    if (last < 0) return "line " + d.line() + ": CHECK-NEXT without a previous CHECK";
                    if (last + 1 >= out.size() || !out.get(last + 1).contains(d.pattern()))
                        return "line " + d.line() + ": CHECK-NEXT: expected the line after output line " + (last + 1)
                                + " to contain <" + d.pattern() + ">, it is <" + (last + 1 < out.size() ? out.get(last + 1) : "end of output") + ">";
                    String bad = firstNot(pendingNot, out, last + 1, last + 1);
                    if (bad != null) return bad;
                    pendingNot.clear();
                    last++;
                }
                case CHECK -> {
                    int found = -1;
                    for (int i = last + 1; i < out.size() && found < 0; i++) if (out.get(i).contains(d.pattern())) found = i;
                    if (found < 0)
                        return "line " + d.line() + ": CHECK: <" + d.pattern() + "> not found after output line " + (last + 1);
                    String bad = firstNot(pendingNot, out, last + 1, found - 1);
                    if (bad != null) return bad;
                    pendingNot.clear();
                    last = found;
                }
            }
        }
        return firstNot(pendingNot, out, last + 1, out.size() - 1);
    }

    private static String firstNot(List<Directive> nots, List<String> out, int from, int to) {
        for (Directive d : nots)
            for (int i = Math.max(from, 0); i <= to && i < out.size(); i++)
                if (out.get(i).contains(d.pattern()))
                    return "line " + d.line() + ": CHECK-NOT: <" + d.pattern() + "> found on output line " + (i + 1) + ": " + out.get(i);
        return null;
    }

    static String normalize(String s) { return s.trim().replaceAll("\\s+", " "); }
}
