package dev.tinyforge.interp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.tinyforge.frontend.tflite.TfliteReader;
import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Tensor;

/** One model folder of shared/golden with its .tflite file from shared/models. */
record GoldenCase(String name, Path dir, Path model) {

    static List<GoldenCase> all(Path shared) {
        List<GoldenCase> cases = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(shared.resolve("golden"))) {
            for (Path d : dirs.sorted().toList()) {
                if (!Files.isDirectory(d) || !Files.exists(d.resolve("input_0.bin"))) continue;
                String name = d.getFileName().toString();
                Path model = findModel(shared.resolve("models"), name + ".tflite");
                if (model != null) cases.add(new GoldenCase(name, d, model));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    private static Path findModel(Path models, String file) throws IOException {
        try (Stream<Path> s = Files.walk(models)) {
            return s.filter(p -> p.getFileName().toString().equals(file)).findFirst().orElse(null);
        }
    }

    Graph read() { return TfliteReader.read(model); }

    List<Integer> inputIndices() {
        List<Integer> ks = new ArrayList<>();
        for (int k = 0; Files.exists(dir.resolve("input_" + k + ".bin")); k++) ks.add(k);
        return ks;
    }

    /** Input k decoded for the graph's (single) input. */
    List<Tensor> input(Graph g, int k) {
        byte[] raw = bytes("input_" + k + ".bin");
        List<Tensor> ins = new ArrayList<>();
        int off = 0;
        for (var v : g.inputs()) {
            int n = (int) v.type().byteSize();
            byte[] part = java.util.Arrays.copyOfRange(raw, off, off + n);
            ins.add(Tensor.fromBytes(v.type(), part));
            off += n;
        }
        return ins;
    }

    byte[] bytes(String file) {
        try {
            return Files.readAllBytes(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
