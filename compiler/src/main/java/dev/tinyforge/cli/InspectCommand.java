package dev.tinyforge.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import dev.tinyforge.Compiler;
import dev.tinyforge.analysis.Macs;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.Quant;
import dev.tinyforge.ir.Value;
import dev.tinyforge.report.ModelReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Shows a model's ops, tensors (shapes, types, quantization), MACs per layer and weight bytes.")
final class InspectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "a .tflite file") Path model;

    @Option(names = "--ir", description = "print the textual IR instead (weights elided)") boolean ir;

    @Option(names = "--ir-full", description = "print the textual IR with all weight data") boolean irFull;

    @Override public Integer call() {
        Graph g = Compiler.load(model);
        if (ir || irFull) {
            System.out.print(IrText.print(g, irFull));
            return 0;
        }
        System.out.printf("model %s: %d ops, %,d MACs, %,d weight bytes%n", g.name(), g.nodes().size(), Macs.of(g),
                ModelReport.weightsBytes(g));
        for (Value in : g.inputs()) System.out.println("  input  " + describe(in));
        for (Value out : g.outputs()) System.out.println("  output " + describe(out));
        System.out.printf("%n%4s  %-22s %12s %10s  %s%n", "#", "op", "MACs", "weights", "tensors");
        for (int i = 0; i < g.nodes().size(); i++) {
            Node n = g.nodes().get(i);
            long wb = n.inputs().stream().filter(v -> v != null && v.isConstant()).mapToLong(v -> v.type().byteSize()).sum();
            System.out.printf("%4d  %-22s %,12d %,10d  %s%n", i, n.kind().name(), Macs.of(n), wb, n.name());
            for (Value v : n.inputs())
                if (v != null) System.out.println("        in  " + describe(v) + (v.isConstant() ? "  [const]" : ""));
            for (Value v : n.outputs()) System.out.println("        out " + describe(v));
            if (!(n.attrs() instanceof dev.tinyforge.ir.Attrs.None)) System.out.println("        " + attrs(n));
        }
        return 0;
    }

    static String describe(Value v) {
        return v.name() + " " + v.type().shapeString() + " " + v.type().elementType().shortName() + quant(v.type().quant());
    }

    private static String quant(Quant q) {
        if (q == null) return "";
        if (!q.isPerChannel()) return " scale=" + q.scale() + " zp=" + q.zeroPoint();
        return " per-channel(axis " + q.axis() + ", " + q.channels() + " scales)";
    }

    private static String attrs(Node n) {
        var rc = n.attrs().getClass().getRecordComponents();
        return java.util.Arrays.stream(rc).map(c -> {
            try {
                Object v = c.getAccessor().invoke(n.attrs());
                String s = v instanceof int[] a ? java.util.Arrays.toString(a) : String.valueOf(v);
                return c.getName() + "=" + s;
            } catch (ReflectiveOperationException e) {
                return c.getName() + "=?";
            }
        }).collect(Collectors.joining(" "));
    }
}
