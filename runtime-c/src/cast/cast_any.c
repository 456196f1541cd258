/* CAST between any two tf_elem_types, element by element. Integer targets wrap to their width; float to
 * integer truncates toward zero, saturating at the int64 range first and mapping NaN to 0 (as the
 * compiler's interpreter, Java's (long) conversion, does) so no value is undefined behaviour in C. */
#include "tf_kernels.h"
#include "../common/tf_elem.h"

static int64_t float_to_int64(float f)
{
    const double v = (double)f;
    if (v != v) {
        return 0;
    }
    if (v >= 9223372036854775807.0) {
        return INT64_MAX;
    }
    if (v <= -9223372036854775808.0) {
        return INT64_MIN;
    }
    return (int64_t)v;
}

void tf_cast_any(int32_t size, tf_elem_type from, tf_elem_type to, const void *in, void *out)
{
    int32_t i;
    for (i = 0; i < size; ++i) {
        if (from == TF_ELEM_F32 && to == TF_ELEM_F32) {
            ((float *)out)[i] = ((const float *)in)[i];
        } else if (from == TF_ELEM_F32) {
            tf_elem_store_int(to, out, i, float_to_int64(((const float *)in)[i]));
        } else {
            tf_elem_store_int(to, out, i, tf_elem_load_int(from, in, i));
        }
    }
}
