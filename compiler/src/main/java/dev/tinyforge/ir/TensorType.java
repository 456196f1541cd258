package dev.tinyforge.ir;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/** Shape, element type and (optional) quantization of a value. Shapes are static and NHWC for images. */
public record TensorType(ElementType elementType, int[] shape, Quant quant) {

    public TensorType {
        Objects.requireNonNull(elementType, "elementType");
        shape = shape.clone();
        for (int d : shape)
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
    }

    public TensorType(ElementType elementType, int... shape) {
        this(elementType, shape, null);
    }

    @Override public int[] shape() { return shape.clone(); }

    public int rank() { return shape.length; }

    public int dim(int i) { return shape[i < 0 ? shape.length + i : i]; }

    public long elementCount() {
        long n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    public long byteSize() { return elementCount() * elementType.byteSize(); }

    public boolean isQuantized() { return quant != null; }

    public TensorType withShape(int... newShape) { return new TensorType(elementType, newShape, quant); }

    public TensorType withQuant(Quant q) { return new TensorType(elementType, shape, q); }

    public TensorType withElementType(ElementType t) { return new TensorType(t, shape, quant); }

    /** "1x96x96x1" */
    public String shapeString() {
        return Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining("x"));
    }

    @Override public boolean equals(Object o) {
        return o instanceof TensorType t && elementType == t.elementType && Arrays.equals(shape, t.shape)
                && Objects.equals(quant, t.quant);
    }

    @Override public int hashCode() {
        return Objects.hash(elementType, Arrays.hashCode(shape), quant);
    }

    @Override public String toString() {
        return "tensor<" + (shape.length == 0 ? "" : shapeString() + "x") + elementType.shortName()
                + (quant == null ? "" : ", " + quant) + ">";
    }
}
