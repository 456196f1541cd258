package dev.tinyforge.testmodels.floateval;

import dev.tinyforge.ir.Activation;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** Float elementwise ops: binary ones with numpy broadcasting (ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM, PRELU) and unary ones. */
final class ElementwiseKernels {
    private ElementwiseKernels() {}

    static FloatTensor binary(FloatTensor a, FloatTensor b, DoubleBinaryOperator f, Activation act, int[] outShape) {
        int[] sa = Shapes.broadcastStrides(a.shape(), outShape), sb = Shapes.broadcastStrides(b.shape(), outShape);
        int n = Shapes.count(outShape);
        float[] out = new float[n];
        int[] index = new int[outShape.length];
        for (int i = 0; i < n; i++) {
            Shapes.unravel(i, outShape, index);
            int ia = 0, ib = 0;
            for (int d = 0; d < index.length; d++) {
                ia += index[d] * sa[d];
                ib += index[d] * sb[d];
            }
            out[i] = Activations.apply(act, (float) f.applyAsDouble(a.data()[ia], b.data()[ib]));
        }
        return new FloatTensor(outShape, out);
    }

    static FloatTensor unary(FloatTensor x, DoubleUnaryOperator f, int[] outShape) {
        float[] out = new float[x.size()];
        for (int i = 0; i < out.length; i++) out[i] = (float) f.applyAsDouble(x.data()[i]);
        return new FloatTensor(outShape, out);
    }
}
