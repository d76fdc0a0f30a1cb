/* classify.c: see classify.h. Lexicons come from the rules file (rules.c
 * loads them); the decision order listed in schemas/rules.conf's header is
 * the code of classify_text() and decide(). */
#include "triage/classify.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "triage/rules_int.h"
#include "triage/textnorm.h"

/* ---- matching ---- */

#define MAX_CAND 8

struct cword {
	const char *c[MAX_CAND]; /* candidate forms: the token, then without clitics */
	int nc;
	enum tok_script sc;
	bool darija_digit;
};

struct text {
	struct tokens t;             /* all tokens */
	struct cword *w;             /* word and number tokens in order */
	size_t nw;
	bool hit[LX_COUNT];
	int count[LX_COUNT];         /* tokens hit (language lexicons) */
};

static bool has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static void add_cand(struct cword *cw, const char *s)
{
	if (cw->nc < MAX_CAND && *s)
		cw->c[cw->nc++] = s;
}

/* Arabic clitics: و ف then ال لل ب ل ك; Latin: the glued article l. */
static void make_cands(struct cword *cw, const char *w)
{
	static const char *const conj[] = {"\xd9\x88", "\xd9\x81", NULL};                       /* و ف */
	static const char *const art[] = {"\xd8\xa7\xd9\x84", "\xd9\x84\xd9\x84", NULL};        /* ال لل */
	static const char *const prep[] = {"\xd8\xa8", "\xd9\x84", "\xd9\x83", NULL};           /* ب ل ك */
	const char *forms[3] = {w, NULL, NULL};
	int nf = 1;

	cw->nc = 0;
	add_cand(cw, w);
	if (cw->sc == SC_LATIN) {
		if (w[0] == 'l' && utf8_codepoints(w) >= 5)
			add_cand(cw, w + 1);
		return;
	}
	if (cw->sc != SC_ARABIC)
		return;
	for (int i = 0; conj[i]; i++)
		if (has_prefix(w, conj[i]) && utf8_codepoints(w) >= 4)
			forms[nf++] = w + strlen(conj[i]);
	for (int f = 0; f < nf; f++) {
		const char *x = forms[f];
		if (f > 0)
			add_cand(cw, x);
		for (int i = 0; art[i]; i++)
			if (has_prefix(x, art[i]) && utf8_codepoints(x) >= 4)
				add_cand(cw, x + strlen(art[i]));
		for (int i = 0; prep[i]; i++) {
			const char *y = x + strlen(prep[i]);
			if (has_prefix(x, prep[i]) && utf8_codepoints(x) >= 4) {
				add_cand(cw, y);
				if (has_prefix(y, "\xd8\xa7\xd9\x84") && utf8_codepoints(y) >= 4) /* بال */
					add_cand(cw, y + 2);
			}
		}
	}
}

static bool word_eq(const struct cword *cw, const char *e, bool stem)
{
	for (int i = 0; i < cw->nc; i++)
		if (stem ? has_prefix(cw->c[i], e) : strcmp(cw->c[i], e) == 0)
			return true;
	return false;
}

static int lex_count(const struct lexicon *lx, const struct text *tx, bool count_tokens)
{
	int hits = 0;

	for (size_t p = 0; p < tx->nw; p++) {
		bool here = false;
		for (size_t k = 0; k < lx->n && !here; k++) {
			const struct entry *en = &lx->v[k];
			size_t j;
			if (en->emoji || p + en->n > tx->nw)
				continue;
			for (j = 0; j < en->n; j++)
				if (!word_eq(&tx->w[p + j], en->w[j], en->stem && j + 1 == en->n))
					break;
			if (j == en->n)
				here = true;
		}
		if (here) {
			hits++;
			if (!count_tokens)
				return hits;
		}
	}
	return hits;
}

static bool emoji_hit(const struct lexicon *lx, const struct token *tk)
{
	for (size_t k = 0; k < lx->n; k++)
		if (lx->v[k].emoji && strcmp(lx->v[k].w[0], tk->text) == 0)
			return true;
	return false;
}

/* Split a run-together Latin token ("ch7altamanafak") into known words of
 * 3+ letters; returns the number of pieces (0 when it cannot). */
static int segment(const struct strset *vocab, const char *w, size_t *cut, int maxcut)
{
	size_t n = strlen(w);
	int best[128], from[128];
	char tmp[128];

	if (n < 8 || n >= sizeof(tmp) || rules_set_has(vocab, w))
		return 0;
	for (size_t i = 0; i <= n; i++)
		best[i] = -1;
	best[0] = 0;
	for (size_t i = 0; i < n; i++) {
		if (best[i] < 0)
			continue;
		for (size_t j = i + 3; j <= n; j++) {
			memcpy(tmp, w + i, j - i);
			tmp[j - i] = '\0';
			if (rules_set_has(vocab, tmp) && (best[j] < 0 || best[i] + 1 < best[j])) {
				best[j] = best[i] + 1;
				from[j] = (int)i;
			}
		}
	}
	if (best[n] < 2 || best[n] > maxcut)
		return 0;
	for (int k = best[n], j = (int)n; k > 0; k--) {
		cut[k - 1] = (size_t)j;
		j = from[j];
	}
	return best[n];
}

static void text_build(const struct rules *r, const char *utf8, struct text *tx)
{
	struct tokens raw = {0};

	memset(tx, 0, sizeof(*tx));
	textnorm_tokenize(utf8, &raw);
	/* split run-together words when every piece is a known word */
	for (size_t i = 0; i < raw.n; i++) {
		struct token *tk = &raw.v[i];
		size_t cut[8];
		int k = 0;
		if (tk->kind == TK_WORD && tk->script == SC_LATIN)
			k = segment(&r->vocab, tk->text, cut, 8);
		if (k > 0) {
			size_t start = 0;
			for (int j = 0; j < k; j++) {
				tokens_push(&tx->t, TK_WORD, SC_LATIN, tk->text + start, cut[j] - start);
				tx->t.v[tx->t.n - 1].darija_digit = tk->darija_digit;
				start = cut[j];
			}
		} else {
			tokens_push(&tx->t, tk->kind, tk->script, tk->text, strlen(tk->text));
			tx->t.v[tx->t.n - 1].darija_digit = tk->darija_digit;
		}
	}
	tx->t.bad_utf8 = raw.bad_utf8;
	tokens_free(&raw);
	tx->w = xcalloc(tx->t.n + 1, sizeof(*tx->w));
	/* candidate strings point into token texts: build them in place */
	for (size_t i = 0; i < tx->t.n; i++) {
		struct token *tk = &tx->t.v[i];
		if (tk->kind != TK_WORD && tk->kind != TK_NUM)
			continue;
		tx->w[tx->nw].sc = tk->script;
		tx->w[tx->nw].darija_digit = tk->darija_digit;
		make_cands(&tx->w[tx->nw], tk->text);
		tx->nw++;
	}
	for (int l = 0; l < LX_COUNT; l++) {
		bool is_lang = l >= LX_L_DL;
		tx->count[l] = lex_count(&r->lx[l], tx, is_lang);
		tx->hit[l] = tx->count[l] > 0;
	}
}

static void text_free(struct text *tx)
{
	tokens_free(&tx->t);
	free(tx->w);
}

/* ---- language ---- */

static const char *detect_lang(const struct text *tx)
{
	int lat = 0, arab = 0, dig = 0, other = 0;
	int dl, fr, en, da, ar;

	for (size_t i = 0; i < tx->nw; i++) {
		if (tx->w[i].sc == SC_LATIN)
			lat++;
		else if (tx->w[i].sc == SC_ARABIC)
			arab++;
		else if (tx->w[i].sc == SC_OTHER)
			other++;
		if (tx->w[i].darija_digit)
			dig++;
	}
	if (lat == 0 && arab == 0)
		return "mixed"; /* emoji, symbols, numbers, links, other scripts */
	if (lat > 0 && arab > 0)
		return "mixed";
	if (arab > 0) {
		da = tx->count[LX_L_DA];
		ar = tx->count[LX_L_AR];
		if (da > 0 && da >= ar)
			return "darija-ar";
		return ar > 0 ? "ar" : "darija-ar";
	}
	dl = tx->count[LX_L_DL] + dig;
	fr = tx->count[LX_L_FR];
	en = tx->count[LX_L_EN];
	if (dl > 0) {
		if (fr + en == 0)
			return "darija-lat";
		if (dl * 3 >= fr + en)
			return "mixed"; /* a real second-language chunk */
		return fr >= en ? (fr > en ? "fr" : "mixed") : "en"; /* a stray Darija word */
	}
	fr += tx->count[LX_L_FRW];
	en += tx->count[LX_L_ENW];
	if (fr >= 2 && en >= 2 && (fr < en ? fr : en) * 3 >= (fr > en ? fr : en))
		return "mixed";
	if (fr > en)
		return "fr";
	if (en > fr)
		return "en";
	return fr > 0 ? "mixed" : "darija-lat";
}

/* ---- decision ---- */

static bool url_is_own(const struct rules *r, const char *url)
{
	const char *h = url;
	size_t hn;

	if (has_prefix(h, "https://"))
		h += 8;
	else if (has_prefix(h, "http://"))
		h += 7;
	if (has_prefix(h, "www."))
		h += 4;
	hn = strcspn(h, "/?#:");
	for (size_t i = 0; i < r->n_domain; i++) {
		size_t dn = strlen(r->own_domain[i]);
		if (hn == dn && strncmp(h, r->own_domain[i], dn) == 0)
			return true;
		if (hn > dn && h[hn - dn - 1] == '.' && strncmp(h + hn - dn, r->own_domain[i], dn) == 0)
			return true;
	}
	return false;
}

static bool handle_is_own(const struct rules *r, const char *h)
{
	for (size_t i = 0; i < r->n_handle; i++)
		if (strcmp(h + 1, r->own_handle[i]) == 0)
			return true;
	return false;
}

/* Sets v; true, so that a step can `return pick(...)`. */
static bool pick(struct verdict *v, enum category c, const char *rule)
{
	v->cat = c;
	snprintf(v->rule, sizeof(v->rule), "%s", rule);
	return true;
}

/* What the tokens say beside the lexicons. */
struct signals {
	size_t links, phones, handles, mid_handles, emails, emojis, qmarks;
	int e_praise, e_off;
	bool e_price, lead_tag, question;
};

static void count_token(const struct rules *r, const struct token *tk, bool lead_checked,
			struct signals *g)
{
	switch (tk->kind) {
	case TK_URL:
		g->links += !url_is_own(r, tk->text);
		break;
	case TK_EMAIL:
		g->emails += !url_is_own(r, strchr(tk->text, '@') + 1);
		break;
	case TK_PHONE:
		g->phones++;
		break;
	case TK_HANDLE:
		if (!handle_is_own(r, tk->text)) {
			g->handles++;
			if (!lead_checked)
				g->lead_tag = true;
			else
				g->mid_handles++;
		}
		break;
	case TK_EMOJI:
		g->emojis++;
		g->e_praise += emoji_hit(&r->lx[LX_EMOJI_PRAISE], tk);
		g->e_off += emoji_hit(&r->lx[LX_EMOJI_OFF], tk);
		g->e_price |= emoji_hit(&r->lx[LX_EMOJI_PRICE], tk);
		break;
	case TK_QMARK:
		g->qmarks++;
		break;
	default:
		break;
	}
}

static void count_signals(const struct rules *r, const struct text *tx, struct signals *g)
{
	bool lead_checked = false;

	memset(g, 0, sizeof(*g));
	for (size_t i = 0; i < tx->t.n; i++) {
		const struct token *tk = &tx->t.v[i];
		count_token(r, tk, lead_checked, g);
		if (tk->kind == TK_WORD || tk->kind == TK_NUM || tk->kind == TK_HANDLE)
			lead_checked = true;
	}
	g->question = g->qmarks > 0 || tx->hit[LX_QWORD];
}

/* nothing but emoji and symbols */
static bool symbols_only(const struct text *tx, const struct signals *g, struct verdict *v)
{
	if (tx->nw != 0 || g->links || g->phones || g->handles || g->emails)
		return false;
	if (g->e_price || (g->qmarks > 0 && !g->e_praise && !g->e_off))
		return pick(v, CAT_INQUIRY, "inquiry.symbol");
	if (g->e_off > g->e_praise)
		return pick(v, CAT_OFFTOPIC, "offtopic.emoji");
	return pick(v, CAT_OTHER, g->emojis ? "other.emoji" : "other.empty");
}

/* The same few words over and over. */
static bool flood(const struct text *tx)
{
	size_t distinct = 0;

	if (tx->nw < 12)
		return false;
	for (size_t i = 0; i < tx->nw; i++) {
		size_t j;
		for (j = 0; j < i; j++)
			if (strcmp(tx->w[i].c[0], tx->w[j].c[0]) == 0)
				break;
		distinct += j == i;
	}
	return distinct * 4 <= tx->nw;
}

/* 1. spam: promoting someone else */
static bool spam(const struct text *tx, const struct signals *g, struct verdict *v)
{
	const bool *h = tx->hit;

	if (g->links > 0)
		return pick(v, CAT_SPAM, "spam.link");
	if (h[LX_FOLLOW])
		return pick(v, CAT_SPAM, "spam.follow");
	if (h[LX_PROMO])
		return pick(v, CAT_SPAM, "spam.promo");
	if (h[LX_SCHEME])
		return pick(v, CAT_SPAM, "spam.scheme");
	/* a seller's words, unless she leaves her number to buy: to be called
	 * back, or with a wish to order (a priced offer with no such wish is a
	 * seller even when it says "call me back") */
	if ((g->phones > 0 || g->emails > 0) && h[LX_SELLER] && !h[LX_INTENT] &&
	    (!h[LX_CALLBACK] || h[LX_AMOUNT]))
		return pick(v, CAT_SPAM, "spam.phone");
	if (g->mid_handles > 0 && h[LX_HANDLE_CUE])
		return pick(v, CAT_SPAM, "spam.handle");
	if (h[LX_PITCH] && h[LX_CONTACT_ME])
		return pick(v, CAT_SPAM, "spam.pitch");
	if (flood(tx))
		return pick(v, CAT_SPAM, "spam.flood");
	return false;
}

/* 2. complaint: a grievance of her own; never hidden */
static bool complaint(const struct text *tx, const struct signals *g, struct verdict *v)
{
	const bool *h = tx->hit;

	if (h[LX_C_FRAUD])
		return pick(v, CAT_COMPLAINT, "complaint.fraud");
	if (h[LX_C_ORDER])
		return pick(v, CAT_COMPLAINT, "complaint.order");
	if (h[LX_ORDERED] && h[LX_CHASE])
		return pick(v, CAT_COMPLAINT, "complaint.status");
	if (h[LX_C_REFUND])
		return pick(v, CAT_COMPLAINT, "complaint.refund");
	if (h[LX_C_DEFECT])
		return pick(v, CAT_COMPLAINT, "complaint.defect");
	if (h[LX_C_SERVICE])
		return pick(v, CAT_COMPLAINT, "complaint.service");
	if (h[LX_PRICE_HIGH] && !h[LX_PRICE_OK] && !g->question) {
		if (h[LX_OFFTOPIC] && !h[LX_PRODUCT])
			return pick(v, CAT_OFFTOPIC, "offtopic.theme");
		return pick(v, CAT_COMPLAINT, "complaint.price");
	}
	return false;
}

/* 3. abuse: aimed at a person, no grievance */
static bool abuse(const struct text *tx, struct verdict *v)
{
	const bool *h = tx->hit;

	if (h[LX_INSULT])
		return pick(v, CAT_ABUSE, "abuse.insult");
	/* words that insult only when aimed at someone ("clown print tote") */
	if (h[LX_INSULT_WEAK] && (h[LX_PERSON] || (!h[LX_PRODUCT] && !h[LX_PRAISE])) &&
	    !(h[LX_PRICE] || h[LX_INTENT] || h[LX_AVAIL] || h[LX_VARIANT] || h[LX_DELIVERY] || h[LX_PAYMENT]))
		return pick(v, CAT_ABUSE, "abuse.insult");
	if (h[LX_BODY] && h[LX_PERSON])
		return pick(v, CAT_ABUSE, "abuse.body");
	return false;
}

/* 4. inquiry. A buying signal (price, intent, delivery, payment) beats an
 * off-topic word ("before the match", "for my sister's birthday"); a
 * personal or audience question beats the weaker signals. */
static bool inquiry(const struct text *tx, const struct signals *g, struct verdict *v)
{
	const bool *h = tx->hit;
	bool open = g->question || !(h[LX_PRAISE] || h[LX_THANKS] || g->e_praise > 0);

	if (g->phones > 0)
		return pick(v, CAT_INQUIRY, "inquiry.phone");
	if (h[LX_PRICE] && !h[LX_PRICE_OK])
		return pick(v, CAT_INQUIRY, "inquiry.price");
	if (h[LX_INTENT])
		return pick(v, CAT_INQUIRY, "inquiry.order");
	if (h[LX_PAYMENT] && open)
		return pick(v, CAT_INQUIRY, "inquiry.payment");
	if (h[LX_DELIVERY] && open)
		return pick(v, CAT_INQUIRY, "inquiry.delivery");
	if (h[LX_PERSONAL])
		return pick(v, CAT_OFFTOPIC, "offtopic.personal");
	if (h[LX_AVAIL] && open)
		return pick(v, CAT_INQUIRY, "inquiry.availability");
	if (h[LX_VARIANT] && open)
		return pick(v, CAT_INQUIRY, "inquiry.variant");
	if (h[LX_AMOUNT] && g->question && !h[LX_PRAISE])
		return pick(v, CAT_INQUIRY, "inquiry.price");
	if (g->question && h[LX_PRODUCT] && !h[LX_PRAISE])
		return pick(v, CAT_INQUIRY, "inquiry.question");
	return false;
}

/* 5. offtopic, 6. other */
static void offtopic_or_other(const struct text *tx, const struct signals *g, struct verdict *v)
{
	const bool *h = tx->hit;

	if (h[LX_OFFTOPIC] && !h[LX_PRAISE])
		pick(v, CAT_OFFTOPIC, "offtopic.theme");
	else if (h[LX_PRAISE])
		pick(v, CAT_OTHER, "other.praise");
	else if (h[LX_THANKS])
		pick(v, CAT_OTHER, "other.thanks");
	else if (g->handles > 0)
		pick(v, CAT_OTHER, "other.tag");
	else if (tx->nw == 0 && g->e_off > g->e_praise)
		pick(v, CAT_OFFTOPIC, "offtopic.emoji");
	else
		pick(v, CAT_OTHER, "default.other");
}

/* The decision order of schemas/rules.conf's header, first match wins. */
static void decide(const struct rules *r, const struct text *tx, struct verdict *v)
{
	struct signals g;

	count_signals(r, tx, &g);
	if (symbols_only(tx, &g, v) || spam(tx, &g, v) || complaint(tx, &g, v) || abuse(tx, v))
		return;
	/* talk to a tagged friend: nothing is asked of the store */
	if (g.lead_tag) {
		pick(v, CAT_OTHER, "other.tag");
		return;
	}
	if (!inquiry(tx, &g, v))
		offtopic_or_other(tx, &g, v);
}

void classify_text(const struct rules *r, const char *utf8, struct verdict *v)
{
	struct text tx;

	memset(v, 0, sizeof(*v));
	text_build(r, utf8 ? utf8 : "", &tx);
	decide(r, &tx, v);
#ifdef CLASSIFY_DEBUG
	for (int l = 0; l < LX_COUNT; l++)
		if (tx.hit[l]) {
			fprintf(stderr, " %s=%d[", rules_lex_names[l], tx.count[l]);
			for (size_t p = 0; p < tx.nw; p++)
				for (size_t k = 0; k < r->lx[l].n; k++) {
					const struct entry *en = &r->lx[l].v[k];
					if (!en->emoji && en->n == 1 && word_eq(&tx.w[p], en->w[0], en->stem))
						fprintf(stderr, "%s%s ", en->w[0], en->stem ? "*" : "");
				}
			fprintf(stderr, "]");
		}
	fprintf(stderr, "\n");
#endif
	snprintf(v->lang, sizeof(v->lang), "%s", detect_lang(&tx));
	text_free(&tx);
}
