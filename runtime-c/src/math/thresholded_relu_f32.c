/* THRESHOLDED_RELU float32 (ONNX ThresholdedRelu): x where x > alpha, else 0. */
#include "tf_kernels.h"

void tf_thresholded_relu_f32(float alpha, int32_t size, const float *in, float *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        const float x = in[i];
        out[i] = x > alpha ? x : 0.0f;
    }
}
