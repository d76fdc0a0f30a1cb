/* decide.c: the deciding step of comment triage: the category of each new
 * comment (classify.c), then one decision per comment from the policy
 * (triage_decide), the caps and one reply per commenter. No I/O. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "triage/triage_int.h"

void triage_classify(const struct triage *t, const char *text, struct crec *c)
{
	struct judgement g;

	if (c->owner) {
		c->v.cat = CAT_OTHER;
		snprintf(c->v.rule, sizeof(c->v.rule), "own-comment");
		return;
	}
	judge_comment(&t->judge, text, &g);
	c->v = g.v;
	c->uncertain = g.pol.out == POL_UNCERTAIN;
}

static struct triage_decision decided(enum action a, enum act_result result)
{
	struct triage_decision d = { a, result, false };
	return d;
}

struct triage_decision triage_decide(const struct triage_in *in, const struct triage_limits *lim,
				     struct triage_tally *t)
{
	enum action want;

	if (in->owner)
		return decided(ACT_SKIP, RES_SKIP_OWN);
	if (in->hidden)
		return decided(ACT_SKIP, RES_SKIP_HIDDEN);
	if (in->store_replied)
		return decided(ACT_SKIP, RES_SKIP_REPLIED);
	if (in->uncertain) /* left alone: no reply, no hide, no flag */
		return decided(ACT_SKIP, RES_SKIP_UNCERTAIN);
	switch (in->cat) {
	case CAT_INQUIRY:
		want = ACT_REPLY;
		break;
	case CAT_SPAM:
	case CAT_ABUSE:
		want = ACT_HIDE;
		break;
	case CAT_OFFTOPIC:
		want = lim->hide_offtopic ? ACT_HIDE : ACT_NONE;
		break;
	case CAT_COMPLAINT: /* for a human; never hidden */
		return decided(ACT_FLAG, lim->apply ? RES_OK : RES_PLANNED);
	default:
		return decided(ACT_NONE, RES_OK);
	}
	if (want == ACT_NONE)
		return decided(ACT_NONE, RES_OK);
	if (want == ACT_REPLY) {
		if (t->replies >= lim->max_replies)
			return decided(ACT_SKIP, RES_SKIP_CAP);
		if (in->commenter_replied)
			return decided(ACT_SKIP, RES_SKIP_ONE_PER_COMMENTER);
		t->replies++;
	} else {
		if (t->hides >= lim->max_hides)
			return decided(ACT_SKIP, RES_SKIP_CAP);
		t->hides++;
	}
	if (!lim->apply)
		return decided(want, RES_PLANNED);
	{
		struct triage_decision d = { want, RES_ERROR, true };
		return d;
	}
}

bool triage_would_act(const struct triage *t, const struct crec *c)
{
	if (c->uncertain)
		return false;
	switch (c->v.cat) {
	case CAT_INQUIRY:
	case CAT_SPAM:
	case CAT_ABUSE:
	case CAT_COMPLAINT:
		return true;
	case CAT_OFFTOPIC:
		return rules_hide_offtopic(t->rules);
	default:
		return false;
	}
}

bool triage_must_read_replies(bool owner, bool hidden, bool inline_store_reply, long replies,
			      size_t inline_replies)
{
	return !owner && !hidden && !inline_store_reply && replies > (long)inline_replies;
}

/* Commenters replied to in this run: a sorted array of keys. */
struct keyset {
	const char **v;
	size_t n, cap;
};

static bool keyset_has(const struct keyset *s, const char *k)
{
	for (size_t i = 0; i < s->n; i++) /* a run replies to at most max_replies people */
		if (!strcmp(s->v[i], k))
			return true;
	return false;
}

static void keyset_add(struct keyset *s, const char *k)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 32;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	s->v[s->n++] = k;
}

void triage_decide_all(struct triage *t)
{
	struct triage_limits lim = { t->o->apply, rules_hide_offtopic(t->rules), t->o->max_replies,
				     t->o->max_hides };
	struct triage_tally tally = { 0, 0 };
	struct keyset seen = { 0 };

	for (size_t i = 0; i < t->nc; i++) {
		struct crec *c = &t->cs[i];
		struct triage_in in = { c->owner, c->hidden, c->store_replied, false, c->uncertain, c->v.cat };
		struct triage_decision d;

		if (!c->owner && !c->hidden && !c->store_replied && c->replies_failed) {
			/* cannot know whether the store answered: do nothing */
			c->act = ACT_SKIP;
			c->result = RES_ERROR;
			snprintf(c->error, sizeof(c->error), "%s", c->replies_error);
			continue;
		}
		in.commenter_replied = c->user_key && keyset_has(&seen, c->user_key);
		d = triage_decide(&in, &lim, &tally);
		c->act = d.act;
		c->result = d.result;
		c->write = d.write;
		if (d.act == ACT_REPLY && c->user_key)
			keyset_add(&seen, c->user_key);
	}
	free(seen.v);
}

