/* Internal: 4-D broadcasting index helper (TFLite NdArrayDesc: a dimension of size 1 gets
 * stride 0, so it repeats along the output). */
#ifndef TF_BROADCAST_H
#define TF_BROADCAST_H

#include "tf_types.h"

typedef struct {
    int32_t n, h, w, c;
} tf_bcast_strides;

static inline tf_bcast_strides tf_bcast_strides_of(const tf_dims *d)
{
    tf_bcast_strides s;
    s.c = d->c == 1 ? 0 : 1;
    s.w = d->w == 1 ? 0 : d->c;
    s.h = d->h == 1 ? 0 : d->w * d->c;
    s.n = d->n == 1 ? 0 : d->h * d->w * d->c;
    return s;
}

#endif
