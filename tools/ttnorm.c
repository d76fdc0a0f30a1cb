/* ttnorm: the build step's text normalizer. Reads a TSV (id, lang, label,
 * text, with a header) or plain lines, writes one line per row in the form a
 * model is trained on: "__label__LABEL TEXT" (--fasttext, default) or
 * "LABEL<TAB>TEXT" (--tsv), or only the text (--plain, one input line per
 * output line). The text is model_text() of the comment (triage/modeltext.h).
 *
 * usage: ttnorm [--fasttext|--tsv|--plain] [--own-domain D]... < in > out */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "triage/modeltext.h"

#define MAX_OWN 16

static int row(const char *mode, char *line, long n, const char *const *own, size_t n_own)
{
	char *text = line, *label = NULL, *norm = NULL;

	if (strcmp(mode, "--plain") != 0) {
		char *c[4];
		c[0] = line;
		for (int i = 1; i < 4; i++) {
			c[i] = c[i - 1] ? strchr(c[i - 1], '\t') : NULL;
			if (c[i])
				*c[i]++ = '\0';
		}
		if (!c[3] || strchr(c[3], '\t')) {
			fprintf(stderr, "ttnorm: stdin:%ld: expected 4 tab-separated columns\n", n);
			return 1;
		}
		label = c[2];
		text = c[3];
	}
	if (model_text(text, own, n_own, &norm) != 0) {
		fprintf(stderr, "ttnorm: stdin:%ld: text is not valid UTF-8\n", n);
		free(norm);
		return 1;
	}
	if (!label)
		printf("%s\n", norm);
	else if (strcmp(mode, "--tsv") == 0)
		printf("%s\t%s\n", label, norm);
	else
		printf("__label__%s %s\n", label, norm);
	free(norm);
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = "--fasttext", *own[MAX_OWN];
	size_t n_own = 0, cap = 0;
	char *line = NULL;
	ssize_t got;
	long n = 0;
	int rc = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--fasttext") || !strcmp(argv[i], "--tsv") || !strcmp(argv[i], "--plain")) {
			mode = argv[i];
		} else if (!strcmp(argv[i], "--own-domain") && i + 1 < argc && n_own < MAX_OWN) {
			own[n_own++] = argv[++i];
		} else {
			fprintf(stderr, "usage: ttnorm [--fasttext|--tsv|--plain] [--own-domain D]... < in > out\n");
			return 2;
		}
	}
	while (rc == 0 && (got = getline(&line, &cap, stdin)) >= 0) {
		n++;
		while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
			line[--got] = '\0';
		if (n == 1 && strcmp(mode, "--plain") != 0 && strncmp(line, "id\t", 3) == 0)
			continue;
		rc = row(mode, line, n, own, n_own);
	}
	free(line);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "ttnorm: cannot write the output\n");
		rc = 1;
	}
	return rc ? 1 : 0;
}
