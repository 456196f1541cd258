package dev.tinyforge.testmodels.train;

import java.util.Random;

/**
 * Synthetic 32x32 grayscale images of four outlined shapes: circle, square, triangle, cross. Each image
 * draws position, size, stroke thickness, rotation (not for circles), foreground and background brightness
 * and Gaussian noise from a seeded {@link Random}; pixels are in [0, 1]. Strokes are anti-aliased by
 * distance to the outline. Only StrictMath is used, so every JVM renders the same images.
 */
public final class ShapeImages {

    public static final int SIZE = 32;
    public static final String[] CLASSES = {"circle", "square", "triangle", "cross"};

    /** One labelled image, row-major SIZE x SIZE. */
    public record Sample(float[] pixels, int label) {}

    private final Random rng;

    public ShapeImages(long seed) { this.rng = new Random(seed); }

    /** The next image; labels cycle through the classes so every batch is balanced. */
    public Sample next(int label) {
        double radius = 6 + 7 * rng.nextDouble();
        double cx = radius + 1 + (SIZE - 2 * radius - 2) * rng.nextDouble();
        double cy = radius + 1 + (SIZE - 2 * radius - 2) * rng.nextDouble();
        double thickness = 1.2 + 2.3 * rng.nextDouble();
        double angle = (rng.nextDouble() - 0.5) * (StrictMath.PI / 6); // +-15 degrees
        double background = 0.3 * rng.nextDouble();
        double foreground = 0.55 + 0.45 * rng.nextDouble();
        double noise = 0.02 + 0.06 * rng.nextDouble();
        double cos = StrictMath.cos(angle), sin = StrictMath.sin(angle);
        float[] px = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++)
            for (int x = 0; x < SIZE; x++) {
                // Pixel centre relative to the shape centre, rotated into the shape's frame.
                double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
                double u = cos * dx + sin * dy, v = -sin * dx + cos * dy;
                double d = distanceToOutline(label, u, v, radius);
                double coverage = Math.max(0, Math.min(1, thickness / 2 - d + 0.5));
                double value = background + (foreground - background) * coverage + noise * rng.nextGaussian();
                px[y * SIZE + x] = (float) Math.max(0, Math.min(1, value));
            }
        return new Sample(px, label);
    }

    private static double distanceToOutline(int label, double u, double v, double r) {
        return switch (label) {
            case 0 -> Math.abs(StrictMath.hypot(u, v) - r);
            case 1 -> squareOutline(u, v, r * 0.85);
            case 2 -> triangleOutline(u, v, r);
            case 3 -> Math.min(segment(u, v, -r, 0, r, 0), segment(u, v, 0, -r, 0, r));
            default -> throw new IllegalArgumentException("label " + label);
        };
    }

    /** Distance to the boundary of an axis-aligned square of half-side h. */
    private static double squareOutline(double u, double v, double h) {
        double qx = Math.abs(u) - h, qy = Math.abs(v) - h;
        if (qx > 0 || qy > 0) return StrictMath.hypot(Math.max(qx, 0), Math.max(qy, 0));
        return -Math.max(qx, qy);
    }

    /** Distance to the outline of an upright equilateral triangle inscribed in a circle of radius r. */
    private static double triangleOutline(double u, double v, double r) {
        double h = r * StrictMath.sqrt(3) / 2;
        double ax = 0, ay = -r, bx = h, by = r / 2, cx = -h, cy = r / 2;
        return Math.min(segment(u, v, ax, ay, bx, by), Math.min(segment(u, v, bx, by, cx, cy), segment(u, v, cx, cy, ax, ay)));
    }

    private static double segment(double px, double py, double ax, double ay, double bx, double by) {
        double vx = bx - ax, vy = by - ay;
        double t = ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy);
        t = Math.max(0, Math.min(1, t));
        return StrictMath.hypot(px - (ax + t * vx), py - (ay + t * vy));
    }
}
