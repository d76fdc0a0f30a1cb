/* libFuzzer target: the /business/ answers (video list, comment list, reply
 * create) from arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "triage/normalize_comments.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	log_set_level(LOG_ERROR);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *body = malloc(size + 1);
	struct api_status st;
	struct err e = { 0 };
	char id[64];

	memcpy(body, data, size);
	body[size] = '\0';
	{
		struct comment_page p = { 0 };
		norm_comment_page(body, size, &p, &st, &e);
		comment_page_release(&p);
	}
	{
		struct video_page p = { 0 };
		norm_video_page(body, size, &p, &st, &e);
		video_page_release(&p);
	}
	norm_reply_created(body, size, id, sizeof(id), &st, &e);
	free(body);
	return 0;
}
