#ifndef IGNITABULL_CZLIB_SHIM_H
#define IGNITABULL_CZLIB_SHIM_H
#include <zlib.h>

// inflateInit2 is a macro; Swift needs a function.
static inline int ignitabull_inflate_init_gzip(z_stream *s) { return inflateInit2(s, 16 + MAX_WBITS); }
// A raw deflate stream (no header), as zip archives store their members.
static inline int ignitabull_inflate_init_raw(z_stream *s) { return inflateInit2(s, -MAX_WBITS); }
#endif
