#ifndef KLIPSO_CZLIB_SHIM_H
#define KLIPSO_CZLIB_SHIM_H
#include <zlib.h>
// deflateInit2/inflateInit2 are macros; these wrappers make them callable from Swift.
static inline int klipso_deflateInit2(z_streamp strm, int level, int method, int windowBits, int memLevel, int strategy) {
    return deflateInit2(strm, level, method, windowBits, memLevel, strategy);
}
static inline int klipso_inflateInit2(z_streamp strm, int windowBits) { return inflateInit2(strm, windowBits); }
#endif
