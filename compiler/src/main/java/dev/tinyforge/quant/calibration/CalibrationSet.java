package dev.tinyforge.quant.calibration;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Tensor;
import dev.tinyforge.ir.TensorType;
import dev.tinyforge.util.Npy;

/**
 * Calibration inputs for a single-input model: .npy files (one sample, or a batch along axis 0) and
 * images (.png, .bmp, .jpg: resized to the input's H x W, (pixel/255 - mean) / std, laid out NCHW or NHWC).
 */
public final class CalibrationSet {
    private CalibrationSet() {}

    public record ImageOptions(float[] mean, float[] std, boolean nchw) {}

    public static List<List<Tensor>> load(Path dir, TensorType input, ImageOptions img) {
        if (!Files.isDirectory(dir)) throw new CompileException("calibration folder not found: " + dir);
        List<List<Tensor>> samples = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        } catch (IOException e) {
            throw new CompileException("cannot list " + dir + ": " + e.getMessage());
        }
        for (Path f : files) {
            String n = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            try {
                if (n.endsWith(".npy")) samples.addAll(split(Npy.read(Files.readAllBytes(f), f.toString()), input, f));
                else if (n.endsWith(".png") || n.endsWith(".bmp") || n.endsWith(".jpg") || n.endsWith(".jpeg"))
                    samples.add(List.of(image(f, input, img)));
            } catch (IOException e) {
                throw new CompileException("cannot read " + f + ": " + e.getMessage());
            }
        }
        if (samples.isEmpty()) throw new CompileException("no .npy or image files in " + dir);
        return samples;
    }

    /** Random inputs uniform in [-1, 1): only a labelled fallback when no data exists. */
    public static List<List<Tensor>> random(TensorType input, int count) {
        java.util.Random r = new java.util.Random(1);
        List<List<Tensor>> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Tensor x = Tensor.zeros(input);
            for (int i = 0; i < x.size(); i++) x.float32()[i] = r.nextFloat() * 2 - 1;
            out.add(List.of(x));
        }
        return out;
    }

    private static List<List<Tensor>> split(Tensor t, TensorType input, Path f) {
        if (!t.type().elementType().isFloat()) throw new CompileException(f + ": calibration arrays must be float");
        long per = input.elementCount();
        if (t.size() % per != 0) throw new CompileException(f + " holds " + t.size() + " values, not a multiple of the input's " + per);
        List<List<Tensor>> out = new ArrayList<>();
        for (int k = 0; k < t.size() / per; k++) {
            float[] v = java.util.Arrays.copyOfRange(t.float32(), (int) (k * per), (int) ((k + 1) * per));
            out.add(List.of(Tensor.wrap(input, v)));
        }
        return out;
    }

    private static Tensor image(Path f, TensorType input, ImageOptions o) throws IOException {
        BufferedImage im = ImageIO.read(f.toFile());
        if (im == null) throw new CompileException(f + ": unreadable image");
        int[] s = input.shape();
        if (s.length != 4) throw new CompileException("image calibration needs a 4-D input, the model's is " + input);
        int c = o.nchw() ? s[1] : s[3], h = o.nchw() ? s[2] : s[1], w = o.nchw() ? s[3] : s[2];
        Tensor x = Tensor.zeros(new TensorType(ElementType.FLOAT32, s));
        for (int y = 0; y < h; y++)
            for (int xx = 0; xx < w; xx++) {
                int rgb = im.getRGB(xx * im.getWidth() / w, y * im.getHeight() / h); // nearest resize
                int[] ch = {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
                for (int k = 0; k < c; k++) {
                    double v = c == 1 ? (ch[0] + ch[1] + ch[2]) / 3.0 : ch[Math.min(k, 2)];
                    v = (v / 255.0 - o.mean()[k % o.mean().length]) / o.std()[k % o.std().length];
                    int idx = o.nchw() ? (k * h + y) * w + xx : (y * w + xx) * c + k;
                    x.float32()[idx] = (float) v;
                }
            }
        return x;
    }
}
