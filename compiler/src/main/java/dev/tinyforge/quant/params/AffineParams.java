package dev.tinyforge.quant.params;

import dev.tinyforge.CompileException;
import dev.tinyforge.ir.ElementType;
import dev.tinyforge.ir.Node;
import dev.tinyforge.ir.OpKind;
import dev.tinyforge.ir.Quant;

/**
 * The float &lt;-&gt; integer side of QUANTIZE (float input) and DEQUANTIZE, mirroring
 * {@code tf_affine_params}: the quantized tensor's own scale and zero point. QUANTIZE computes
 * roundf(x / scale) + zero_point in float (TFLM AffineQuantize); DEQUANTIZE computes
 * (float) ((double) scale * (q - zero_point)).
 */
public record AffineParams(float scale, int zeroPoint) {

    public static AffineParams prepare(Node node) {
        Quant q;
        if (node.kind() == OpKind.QUANTIZE && node.input(0).type().elementType() == ElementType.FLOAT32) q = NodeQuant.output(node);
        else if (node.kind() == OpKind.DEQUANTIZE) q = NodeQuant.input(node, 0);
        else throw new CompileException(node + ": AffineParams needs a float QUANTIZE or a DEQUANTIZE");
        return new AffineParams(q.scale(), q.zeroPoint());
    }
}
