/* CONCATENATION for any element size: for each outer index, the inputs' slabs
 * (axis_sizes[k] * inner elements each) are copied one after the other. */
#include <string.h>

#include "tf_kernels.h"

void tf_concat(int32_t num_inputs, const void *const *inputs, const int32_t *axis_sizes,
               int32_t outer, int32_t inner, size_t elem_size, void *out)
{
    unsigned char *dst = (unsigned char *)out;
    int32_t o, k;
    for (o = 0; o < outer; ++o) {
        for (k = 0; k < num_inputs; ++k) {
            const size_t slab = (size_t)axis_sizes[k] * (size_t)inner * elem_size;
            memcpy(dst, (const unsigned char *)inputs[k] + (size_t)o * slab, slab);
            dst += slab;
        }
    }
}
