/* sim_faults.c: the --faults spec ("CODE:RATE,...") and its deterministic draw:
 * one uniform number per request from (seed, request counter), laid over the
 * cumulative rates in spec order. faults_parse() allocates; faults_free() frees. */
#include "ttsim.h"

#include <stdlib.h>
#include <string.h>

struct fault_spec {
	int n;
	enum fault_kind kind[16];
	double rate[16];
};

static const struct {
	const char *name;
	enum fault_kind kind;
} names[] = {
	{ "40100", F_40100 }, { "40133", F_40133 }, { "50000", F_50000 }, { "50002", F_50002 },
	{ "504", F_504 },     { "drop", F_DROP },   { "trunc", F_TRUNC },   { "slow", F_SLOW },
	{ "dropafter", F_DROPAFTER }, { "40067", F_40067 },
};

const char *fault_name(enum fault_kind k)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].kind == k)
			return names[i].name;
	return NULL;
}

int faults_parse(const char *spec, struct fault_spec **out, char *msg, size_t msgsz)
{
	struct fault_spec *f = calloc(1, sizeof(*f));
	char *copy = strdup(spec ? spec : ""), *save = NULL, *tok;
	double total = 0;

	if (!f || !copy)
		abort();
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *colon = strchr(tok, ':'), *end;
		size_t i;
		if (!colon) {
			set_msg(msg, msgsz, 1, "--faults: '%s': expected CODE:RATE", tok);
			goto fail;
		}
		*colon = '\0';
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strcmp(names[i].name, tok) == 0)
				break;
		double r = strtod(colon + 1, &end);
		if (i == sizeof(names) / sizeof(names[0])) {
			set_msg(msg, msgsz, 1, "--faults: unknown kind '%s' (40100 40133 50000 50002 "
				"504 drop trunc slow dropafter 40067)", tok);
			goto fail;
		}
		if (*end || end == colon + 1 || r < 0 || r > 1) {
			set_msg(msg, msgsz, 1, "--faults: '%s': rate must be in [0,1]", colon + 1);
			goto fail;
		}
		if (f->n == 16) {
			set_msg(msg, msgsz, 1, "--faults: too many entries");
			goto fail;
		}
		f->kind[f->n] = names[i].kind;
		f->rate[f->n++] = r;
		total += r;
	}
	if (total > 1.0 + 1e-9) {
		set_msg(msg, msgsz, 1, "--faults: rates add up to more than 1");
		goto fail;
	}
	free(copy);
	*out = f;
	return 0;
fail:
	free(copy);
	free(f);
	return -1;
}

void faults_free(struct fault_spec *f)
{
	free(f);
}

enum fault_kind faults_draw(const struct fault_spec *f, uint64_t seed, uint64_t seq)
{
	double u, acc = 0;

	if (!f || f->n == 0)
		return F_NONE;
	u = h_unit(h4(seed, 0xfa017, seq, 0));
	for (int i = 0; i < f->n; i++) {
		acc += f->rate[i];
		if (u < acc)
			return f->kind[i];
	}
	return F_NONE;
}
