/* normalize_comments.h: the /business/ answers (video list, comment list,
 * reply list, reply create) -> plain C structs. With normalize.c, the only
 * code that touches the JSON library.
 *
 * Ownership: a page owns every string in it; *_release() frees them all.
 * Return values as in normalize.h: NORM_OK, NORM_API (st says which code),
 * NORM_BAD_JSON (not JSON or cut short: the outcome of a write is unknown),
 * NORM_BAD_DATA (e names the field). */
#ifndef TT_NORMALIZE_COMMENTS_H
#define TT_NORMALIZE_COMMENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/err.h"
#include "core/envelope.h"

/* business/video/list/ page. cursor: UTC epoch milliseconds of the oldest video. */
struct tt_video {
	char *id;          /* item_id */
	time_t create_time; /* 0 when absent */
	char *caption, *share_url; /* NULL when absent (for the owner's complaint list) */
};
struct video_page {
	struct tt_video *v;
	size_t n;
	long long cursor;
	bool has_more;
};
int norm_video_page(const char *body, size_t len, struct video_page *p, struct api_status *st,
		    struct err *e);
void video_page_release(struct video_page *p);

/* One comment of comment/list/ or reply/list/. create_time is epoch seconds
 * from a number or a numeric string; -1 when absent or unreadable. */
struct tt_comment {
	char *id, *video_id;
	char *parent_id;   /* NULL for a top-level comment */
	char *user_key;    /* unique_identifier, else user_id, else NULL */
	char *text;        /* "" when absent */
	time_t create_time;
	bool owner;        /* written by the account itself */
	bool hidden;       /* status HIDDEN */
	long replies;      /* the "replies" count of a top-level comment */
	size_t inline_replies;     /* entries of reply_list[] (include_replies) */
	bool inline_store_reply;   /* one of them has owner=true */
};
struct comment_page {
	struct tt_comment *v;
	size_t n;
	long long cursor;
	bool has_more;
};
/* comment/list/ and reply/list/ share this shape ({comments, cursor, has_more}). */
int norm_comment_page(const char *body, size_t len, struct comment_page *p,
		      struct api_status *st, struct err *e);
void comment_page_release(struct comment_page *p);

/* reply/create/ answer: the new reply's comment_id into id ("" when absent). */
int norm_reply_created(const char *body, size_t len, char *id, size_t n, struct api_status *st,
		       struct err *e);

#endif
