/* modeltext.c: see modeltext.h. */
#include "triage/modeltext.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "triage/textnorm.h"

int model_url_is_own(const char *url, const char *const *domains, size_t n)
{
	const char *h = url;
	size_t hn;

	if (strncmp(h, "https://", 8) == 0)
		h += 8;
	else if (strncmp(h, "http://", 7) == 0)
		h += 7;
	if (strncmp(h, "www.", 4) == 0)
		h += 4;
	hn = strcspn(h, "/?#:");
	for (size_t i = 0; i < n; i++) {
		size_t dn = strlen(domains[i]);
		if (hn == dn && strncmp(h, domains[i], dn) == 0)
			return 1;
		if (hn > dn && h[hn - dn - 1] == '.' && strncmp(h + hn - dn, domains[i], dn) == 0)
			return 1;
	}
	return 0;
}

static const char *marker(const struct token *tk, bool first, const char *const *own, size_t n_own)
{
	switch (tk->kind) {
	case TK_URL:
		return model_url_is_own(tk->text, own, n_own) ? "_ownurl_" : "_url_";
	case TK_EMAIL:
		return model_url_is_own(strchr(tk->text, '@') + 1, own, n_own) ? "_ownurl_" : "_email_";
	case TK_PHONE:
		return "_phone_";
	case TK_HANDLE:
		return first ? "_tag_" : "_handle_";
	case TK_NUM:
		return strlen(tk->text) >= 5 ? "_num_" : NULL;
	case TK_CUR:
		return "_cur_";
	default:
		return NULL;
	}
}

int model_text(const char *utf8, const char *const *own_domains, size_t n_domains, char **out)
{
	struct tokens t = {0};
	int rc = textnorm_tokenize(utf8 ? utf8 : "", &t);
	size_t len = 1, o = 0;
	char *s;

	*out = NULL;
	if (rc < 0) {
		tokens_free(&t);
		return -1;
	}
	for (size_t i = 0; i < t.n; i++)
		len += strlen(t.v[i].text) + 12;
	s = xmalloc(len);
	for (size_t i = 0; i < t.n; i++) {
		const char *m = marker(&t.v[i], i == 0, own_domains, n_domains);
		const char *w = m ? m : t.v[i].text;
		size_t wn = strlen(w);
		if (o)
			s[o++] = ' ';
		memcpy(s + o, w, wn);
		o += wn;
	}
	s[o] = '\0';
	tokens_free(&t);
	*out = s;
	return rc;
}
