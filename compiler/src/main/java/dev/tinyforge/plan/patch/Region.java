package dev.tinyforge.plan.patch;

/**
 * A rectangle of an NHWC feature map: rows [rowBegin, rowEnd) and columns [colBegin, colEnd), half-open so
 * that sizes are plain differences. Coordinates may lie outside the map while a receptive field is being
 * propagated (that overhang is the padding an op must still apply at a true image border).
 */
public record Region(int rowBegin, int colBegin, int rowEnd, int colEnd) {

    public Region {
        if (rowEnd < rowBegin || colEnd < colBegin) {
            throw new IllegalArgumentException("empty or inverted region " + rowBegin + ".." + rowEnd + " x " + colBegin + ".." + colEnd);
        }
    }

    /** The whole of an H x W map. */
    public static Region whole(int height, int width) { return new Region(0, 0, height, width); }

    public int height() { return rowEnd - rowBegin; }

    public int width() { return colEnd - colBegin; }

    public long area() { return (long) height() * width(); }

    /** The smallest region holding both; how a value read by several consumers accumulates its needs. */
    public Region union(Region o) {
        return new Region(Math.min(rowBegin, o.rowBegin), Math.min(colBegin, o.colBegin),
                Math.max(rowEnd, o.rowEnd), Math.max(colEnd, o.colEnd));
    }

    /** This region cut to an H x W map. */
    public Region clip(int height, int width) {
        int r0 = Math.max(0, Math.min(height, rowBegin)), r1 = Math.max(r0, Math.min(height, rowEnd));
        int c0 = Math.max(0, Math.min(width, colBegin)), c1 = Math.max(c0, Math.min(width, colEnd));
        return new Region(r0, c0, r1, c1);
    }

    @Override public String toString() {
        return "[" + rowBegin + "," + rowEnd + ")x[" + colBegin + "," + colEnd + ")";
    }
}
