package dev.tinyforge.plan.patch;

/**
 * What an op needs of one spatial input to produce a given output region: {@code region} lies inside the
 * input map (rows and columns actually read), and {@code pads} {top, left, bottom, right} is the part of
 * the receptive field that hangs over a true image border, which the op must still fill with padding.
 * Interior halo never shows up as padding: it is read from the neighbouring rows and columns.
 */
public record InputWindow(Region region, int[] pads) {

    public InputWindow {
        pads = pads.clone();
    }

    @Override public int[] pads() { return pads.clone(); }

    public int padTop() { return pads[0]; }

    public int padLeft() { return pads[1]; }

    public int padBottom() { return pads[2]; }

    public int padRight() { return pads[3]; }

    /** Splits an unclipped field into the part inside an H x W input and the overhang on each side. */
    static InputWindow ofField(Region field, int height, int width) {
        Region inside = field.clip(height, width);
        return new InputWindow(inside, new int[] {
                inside.rowBegin() - field.rowBegin(), inside.colBegin() - field.colBegin(),
                field.rowEnd() - inside.rowEnd(), field.colEnd() - inside.colEnd()});
    }

    @Override public String toString() {
        return region + " pads " + java.util.Arrays.toString(pads);
    }
}
