/* utf8.h: UTF-8 encoding of one code point (the exporters' text code builds
 * strings code point by code point). Pure; no allocation. */
#ifndef TT_UTF8_H
#define TT_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Writes c (at most U+10FFFF) as 1 to 4 bytes at out, without a NUL; returns
 * the number of bytes. */
size_t utf8_put(uint32_t c, char *out);

#endif
