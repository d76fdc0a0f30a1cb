/* skeleton.h: the consonant skeleton of a folded word, one alphabet for
 * both scripts of Darija, so that "ch7al" and "شحال" share
 * features ("chl").
 *
 * Arabic letters and Arabizi spellings map to one Latin consonant each
 * (ش ch sh -> c, ح ه 7 h -> h, ع 3 -> 3, ق 9 q -> q, خ kh 5 -> x,
 * غ gh -> g, ...); vowels, alif, waw and ya (matres lectionis, written or
 * not) are dropped, and runs of one consonant squeezed. A word with no
 * letter, or no consonant, has no skeleton. */
#ifndef TT_SKELETON_H
#define TT_SKELETON_H

#include <stddef.h>

/* Write the skeleton of w (wn bytes of folded UTF-8) into out (cap bytes,
 * NUL-terminated, truncated to fit). Returns its length (0: none). */
size_t skeleton_of(const char *w, size_t wn, char *out, size_t cap);

#endif
