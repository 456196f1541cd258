package dev.tinyforge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.tinyforge.ir.Graph;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.Value;
import dev.tinyforge.util.Json;

/** One model directory of ../shared/golden: its model file, inputs, expected outputs and TFLM's model_info. */
public record GoldenModel(String name, Path dir, Path modelFile, Map<String, Object> info) {

    /** All golden models whose .tflite exists in ../shared/models (skips loudly when shared is absent). */
    public static List<GoldenModel> all() {
        Path golden = Shared.require("golden");
        Path models = Shared.require("models");
        List<GoldenModel> r = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(golden)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                String name = d.getFileName().toString();
                Path model;
                try (Stream<Path> s = Files.walk(models)) {
                    model = s.filter(p -> p.getFileName().toString().equals(name + ".tflite")).findFirst().orElse(null);
                }
                if (model == null) continue;
                r.add(new GoldenModel(name, d, model, Json.parseObject(Files.readString(d.resolve("model_info.json")))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return r;
    }

    public static GoldenModel named(String name) {
        return all().stream().filter(m -> m.name.equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no golden model " + name));
    }

    /** Indices k of input_k.bin present. */
    public List<Integer> inputIndices() {
        List<Integer> r = new ArrayList<>();
        for (int k = 0; Files.exists(dir.resolve("input_" + k + ".bin")); k++) r.add(k);
        return r;
    }

    public byte[] input(int k) { return read("input_" + k + ".bin"); }

    /** Input k split into one tensor per graph input (the golden file concatenates them in input order). */
    public List<Tensor> inputTensors(Graph g, int k) { return split(g, input(k)); }

    /** Raw concatenated input bytes split into one tensor per graph input, in input order. */
    public static List<Tensor> split(Graph g, byte[] raw) {
        List<Tensor> ins = new ArrayList<>();
        int off = 0;
        for (Value v : g.inputs()) {
            int n = (int) v.type().byteSize();
            ins.add(Tensor.fromBytes(v.type(), java.util.Arrays.copyOfRange(raw, off, off + n)));
            off += n;
        }
        return ins;
    }

    /** Any file of the model's golden folder, e.g. "intermediates_0/index.tsv". */
    public byte[] file(String relative) { return read(relative); }

    public byte[] output(int k) { return read("output_" + k + ".bin"); }

    public boolean hasFloatOutput() {
        return outputsInfo().stream().anyMatch(o -> "FLOAT32".equals(o.get("dtype")));
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> outputsInfo() { return (List<Map<String, Object>>) info.get("outputs"); }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> inputsInfo() { return (List<Map<String, Object>>) info.get("inputs"); }

    public long totalMacs() { return ((Number) info.get("total_macs")).longValue(); }

    private byte[] read(String f) {
        try {
            return Files.readAllBytes(dir.resolve(f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public String toString() { return name; }
}
