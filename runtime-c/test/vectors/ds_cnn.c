/* CMSIS-NN's ds_cnn_s / ds_cnn_l vectors: whole keyword-spotting networks (conv, depthwise
 * separable blocks, average pool, fully connected, softmax) whose only reference is the final
 * output, so every kernel's result feeds the next one. Layer macros come from the per-layer
 * config headers (CONV_2D_<n>_*, DEPTHWISE_CONV_2D_<n>_*, ...); arrays from vec_map.h. */
#include "vec_common.h"
#include "test_data.h"

#define BUF_SIZE 70000
static int8_t buf_a[BUF_SIZE], buf_b[BUF_SIZE];
static int8_t *cur = buf_a, *nxt = buf_b;

static void swap_buffers(void)
{
    int8_t *t = cur;
    cur = nxt;
    nxt = t;
}

#define GEOMETRY(P, L)                                                                 \
    P.stride.h = L##_STRIDE_Y;                                                         \
    P.stride.w = L##_STRIDE_X;                                                         \
    P.padding.top = L##_PAD_Y;                                                         \
    P.padding.left = L##_PAD_X;                                                        \
    P.activation.min = L##_OUT_ACTIVATION_MIN;                                         \
    P.activation.max = L##_OUT_ACTIVATION_MAX;                                         \
    in_d.n = 1; in_d.h = L##_INPUT_H; in_d.w = L##_INPUT_W; in_d.c = L##_IN_CH;        \
    out_d.n = 1; out_d.h = L##_OUTPUT_H; out_d.w = L##_OUTPUT_W; out_d.c = L##_OUT_CH; \
    f_d.n = L##_OUT_CH; f_d.h = L##_FILTER_Y; f_d.w = L##_FILTER_X; f_d.c = L##_IN_CH

#define CONV_LAYER(N)                                                                  \
    do {                                                                               \
        tf_conv_params p;                                                              \
        tf_per_channel_quant q;                                                        \
        tf_dims in_d, out_d, f_d;                                                      \
        GEOMETRY(p, CONV_2D_##N);                                                      \
        p.dilation.h = CONV_2D_##N##_DILATION_Y;                                       \
        p.dilation.w = CONV_2D_##N##_DILATION_X;                                       \
        p.input_offset = CONV_2D_##N##_INPUT_OFFSET;                                   \
        p.output_offset = CONV_2D_##N##_OUTPUT_OFFSET;                                 \
        q.multiplier = v_layer_##N##_conv_2d_output_mult;                              \
        q.shift = v_layer_##N##_conv_2d_output_shift;                                  \
        tf_conv_s8_nhwc(&p, &q, &in_d, cur, &f_d, v_layer_##N##_conv_2d_weights,       \
                        v_layer_##N##_conv_2d_bias, &out_d, nxt);                      \
        swap_buffers();                                                                \
    } while (0)

#define DW_LAYER(N)                                                                    \
    do {                                                                               \
        tf_dw_conv_params p;                                                           \
        tf_per_channel_quant q;                                                        \
        tf_dims in_d, out_d, f_d;                                                      \
        GEOMETRY(p, DEPTHWISE_CONV_2D_##N);                                            \
        f_d.n = 1;                                                                     \
        f_d.c = DEPTHWISE_CONV_2D_##N##_OUT_CH;                                        \
        p.depth_multiplier = DEPTHWISE_CONV_2D_##N##_OUT_CH / DEPTHWISE_CONV_2D_##N##_IN_CH; \
        p.dilation.h = DEPTHWISE_CONV_2D_##N##_DILATION_Y;                             \
        p.dilation.w = DEPTHWISE_CONV_2D_##N##_DILATION_X;                             \
        p.input_offset = DEPTHWISE_CONV_2D_##N##_INPUT_OFFSET;                         \
        p.output_offset = DEPTHWISE_CONV_2D_##N##_OUTPUT_OFFSET;                       \
        q.multiplier = v_layer_##N##_depthwise_conv_2d_output_mult;                    \
        q.shift = v_layer_##N##_depthwise_conv_2d_output_shift;                        \
        tf_depthwise_conv_s8_nhwc(&p, &q, &in_d, cur, &f_d,                            \
                                  v_layer_##N##_depthwise_conv_2d_weights,             \
                                  v_layer_##N##_depthwise_conv_2d_bias, &out_d, nxt);  \
        swap_buffers();                                                                \
    } while (0)

#define AVGPOOL_LAYER(N)                                                               \
    do {                                                                               \
        tf_pool_params p;                                                              \
        tf_dims in_d, out_d, f_d;                                                      \
        GEOMETRY(p, AVERAGE_POOL_2D_##N);                                              \
        (void)f_d;                                                                     \
        p.filter.h = AVERAGE_POOL_2D_##N##_FILTER_Y;                                   \
        p.filter.w = AVERAGE_POOL_2D_##N##_FILTER_X;                                   \
        tf_avgpool_s8_nhwc(&p, &in_d, cur, &out_d, nxt);                               \
        swap_buffers();                                                                \
    } while (0)

/* The generator labels the FC's depths oddly (OUT_CH is the input depth); the output depth is
 * OUTPUT_W and the input depth follows from the weights' size. */
#define FC_LAYER(N)                                                                    \
    do {                                                                               \
        tf_fc_params p;                                                                \
        tf_per_channel_quant q;                                                        \
        enum { OUT = FULLY_CONNECTED_##N##_OUTPUT_W,                                   \
               IN = (int)(sizeof(v_layer_##N##_fully_connected_weights) / OUT) };      \
        int32_t m[OUT], s[OUT];                                                        \
        int i;                                                                         \
        for (i = 0; i < OUT; ++i) {                                                    \
            m[i] = FULLY_CONNECTED_##N##_OUTPUT_MULTIPLIER;                            \
            s[i] = FULLY_CONNECTED_##N##_OUTPUT_SHIFT;                                 \
        }                                                                              \
        p.input_offset = FULLY_CONNECTED_##N##_INPUT_OFFSET;                           \
        p.filter_offset = 0;                                                           \
        p.output_offset = FULLY_CONNECTED_##N##_OUTPUT_OFFSET;                         \
        p.activation.min = FULLY_CONNECTED_##N##_OUT_ACTIVATION_MIN;                   \
        p.activation.max = FULLY_CONNECTED_##N##_OUT_ACTIVATION_MAX;                   \
        q.multiplier = m;                                                              \
        q.shift = s;                                                                   \
        tf_fully_connected_s8(&p, &q, 1, IN, cur, OUT,                                 \
                              v_layer_##N##_fully_connected_weights,                   \
                              v_layer_##N##_fully_connected_bias, nxt);                \
        swap_buffers();                                                                \
    } while (0)

#define SOFTMAX_LAYER(N)                                                               \
    do {                                                                               \
        tf_softmax_params p;                                                           \
        p.input_multiplier = SOFTMAX_##N##_MULT;                                       \
        p.input_left_shift = SOFTMAX_##N##_SHIFT;                                      \
        p.diff_min = SOFTMAX_##N##_DIFF_MIN;                                           \
        tf_softmax_s8(&p, SOFTMAX_##N##_NUM_ROWS, SOFTMAX_##N##_ROW_SIZE, cur, nxt);   \
        swap_buffers();                                                                \
    } while (0)

int main(void)
{
    memcpy(cur, v_input, sizeof(v_input));
    CONV_LAYER(1);
    DW_LAYER(2);
    CONV_LAYER(3);
    DW_LAYER(4);
    CONV_LAYER(5);
    DW_LAYER(6);
    CONV_LAYER(7);
    DW_LAYER(8);
    CONV_LAYER(9);
#ifdef DS_CNN_L
    DW_LAYER(10);
    CONV_LAYER(11);
    AVGPOOL_LAYER(12);
    FC_LAYER(14);
    SOFTMAX_LAYER(15);
#else
    AVGPOOL_LAYER(10);
    FC_LAYER(12);
    SOFTMAX_LAYER(13);
#endif
    return vec_compare_s8(VEC_NAME, cur, v_output_ref, (int32_t)sizeof(v_output_ref));
}
