/* pdf_parts.h: the blocks of an advertiser's PDF pages that live in their own
 * files, drawn by pdf.c over the primitives of pdf_draw.h. */
#ifndef TT_PDF_PARTS_H
#define TT_PDF_PARTS_H

#include "exporters/pdf_draw.h"

/* "Day by day": spend bars and the conversions line over the window (pdf_chart.c). */
void pdf_draw_chart(struct pdf *p, const struct advertiser *a);
/* Best / worst campaigns (l = LVL_CAMPAIGN) or ads by cost per conversion (pdf_rank.c). */
void pdf_draw_rankings(struct pdf *p, const struct advertiser *a, enum level l);

/* The comments page: counts per category and action, and the complaints
 * waiting, each with its video's caption linked to the video (pdf_comments.c). */
void pdf_draw_comments(struct pdf *p);
/* The report's warnings (pdf_comments.c). */
void pdf_draw_warnings(struct pdf *p);

#endif
