#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H
/* zlib's raw DEFLATE for permessage-deflate (RFC 7692). deflateInit2 and
   inflateInit2 are macros that pass the library version and the stream's
   size; Swift cannot call macros, so these functions call them. */
#include <zlib.h>

static inline int czlib_deflate_init(z_streamp stream, int level, int window_bits, int memory_level) {
    return deflateInit2(stream, level, Z_DEFLATED, window_bits, memory_level, Z_DEFAULT_STRATEGY);
}

static inline int czlib_inflate_init(z_streamp stream, int window_bits) {
    return inflateInit2(stream, window_bits);
}
#endif
