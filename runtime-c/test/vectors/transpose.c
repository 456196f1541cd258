/* CMSIS-NN transpose vectors -> tf_transpose_nd with a 1-byte element. */
#include "vec_common.h"
#include "test_data.h"

static int8_t out[V_SIZE];

int main(void)
{
    const int32_t in_dim[] = V_IN_DIM;
    const int32_t perm[] = V_PERM;
    tf_transpose_nd(V_PERM_SIZE, in_dim, perm, 1, v_input_tensor, out);
    return vec_compare_s8(VEC_NAME, out, v_output, V_SIZE);
}
