/* libFuzzer target: comment text through the classifier with the shipped
 * schemas/rules.conf and replies.conf (FUZZ_SCHEMAS names their folder; run
 * from the repository root by default), and the textnorm functions alone. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "triage/classify.h"
#include "core/log.h"
#include "triage/textnorm.h"

static struct rules *rules;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("FUZZ_SCHEMAS") ? getenv("FUZZ_SCHEMAS") : "schemas";
	char rp[4096], pp[4096];
	struct err e = { 0 };

	(void)argc;
	(void)argv;
	log_set_level(LOG_ERROR);
	snprintf(rp, sizeof(rp), "%s/rules.conf", dir);
	snprintf(pp, sizeof(pp), "%s/replies.conf", dir);
	if (rules_load(rp, pp, &rules, &e)) {
		fprintf(stderr, "fuzz_classify: %s\n", e.msg);
		exit(1);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *folded = NULL;
	struct verdict v;
	struct tokens t = { 0 };

	memcpy(s, data, size);
	s[size] = '\0';
	/* the classifier sees C strings: stop at the first NUL like a line would */
	classify_text(rules, s, &v);
	if (v.rule[0] == '\0' || v.lang[0] == '\0' || !category_name(v.cat))
		abort();
	if (!rules_reply(rules, v.lang, s))
		abort();
	if (textnorm_fold(s, size, &folded) >= 0) {
		textnorm_squeeze(folded);
		free(folded);
	}
	textnorm_tokenize(s, &t);
	tokens_free(&t);
	utf8_codepoints(s);
	free(s);
	return 0;
}
