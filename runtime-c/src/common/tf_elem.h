/* Internal: loads and stores of one element of a tf_elem_type tensor as int64 (integer kernels).
 * Stores wrap to the element width, as ONNX integer arithmetic does. */
#ifndef TF_ELEM_H
#define TF_ELEM_H

#include "tf_types.h"

static inline int64_t tf_elem_load_int(tf_elem_type t, const void *p, int32_t i)
{
    switch (t) {
    case TF_ELEM_I8: return ((const int8_t *)p)[i];
    case TF_ELEM_U8: case TF_ELEM_BOOL: return ((const uint8_t *)p)[i];
    case TF_ELEM_I16: return ((const int16_t *)p)[i];
    case TF_ELEM_I32: return ((const int32_t *)p)[i];
    case TF_ELEM_I64: return ((const int64_t *)p)[i];
    default: return (int64_t)((const float *)p)[i];
    }
}

static inline void tf_elem_store_int(tf_elem_type t, void *p, int32_t i, int64_t v)
{
    const uint64_t u = (uint64_t)v; /* unsigned narrowing is defined modulo 2^width */
    switch (t) {
    case TF_ELEM_I8: ((int8_t *)p)[i] = (int8_t)(uint8_t)u; break;
    case TF_ELEM_U8: case TF_ELEM_BOOL: ((uint8_t *)p)[i] = (uint8_t)u; break;
    case TF_ELEM_I16: ((int16_t *)p)[i] = (int16_t)(uint16_t)u; break;
    case TF_ELEM_I32: ((int32_t *)p)[i] = (int32_t)(uint32_t)u; break;
    case TF_ELEM_I64: ((int64_t *)p)[i] = v; break;
    default: ((float *)p)[i] = (float)v; break;
    }
}

#endif
