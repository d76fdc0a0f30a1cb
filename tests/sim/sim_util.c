/* sim_util.c: hashing, the string builder, ids and small helpers. */
#include "ttsim.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

uint64_t h_mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

uint64_t h4(uint64_t seed, uint64_t a, uint64_t b, uint64_t c)
{
	return h_mix(h_mix(h_mix(h_mix(seed) ^ a) ^ b) ^ c);
}

double h_unit(uint64_t h)
{
	return (double)(h >> 11) * (1.0 / 9007199254740992.0);
}

double h_range(uint64_t h, double lo, double hi)
{
	return lo + (hi - lo) * h_unit(h);
}

static void sb_grow(struct sb *b, size_t need)
{
	size_t cap = b->cap ? b->cap : 256;

	if (b->len + need + 1 <= b->cap)
		return;
	while (cap < b->len + need + 1)
		cap *= 2;
	b->p = realloc(b->p, cap);
	if (!b->p) {
		fputs("ttsim: out of memory\n", stderr);
		abort();
	}
	b->cap = cap;
}

void sb_add(struct sb *b, const char *s, size_t n)
{
	sb_grow(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void sb_puts(struct sb *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

void sb_printf(struct sb *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	sb_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void sb_jstr(struct sb *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *run = p;

	sb_add(b, "\"", 1);
	for (; *p; p++) {
		if (*p >= 0x20 && *p != '"' && *p != '\\')
			continue;
		sb_add(b, (const char *)run, (size_t)(p - run));
		if (*p == '"')
			sb_add(b, "\\\"", 2);
		else if (*p == '\\')
			sb_add(b, "\\\\", 2);
		else if (*p == '\n')
			sb_add(b, "\\n", 2);
		else
			sb_printf(b, "\\u%04x", *p);
		run = p + 1;
	}
	sb_add(b, (const char *)run, (size_t)(p - run));
	sb_add(b, "\"", 1);
}

void sb_free(struct sb *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

size_t utf8_codepoints(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

int set_msg(char *msg, size_t n, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, n, fmt, ap);
	va_end(ap);
	return code;
}

/* "7" + 10 hash digits + kind digit + 7-digit sequence: 19 digits, > 2^53,
 * unique by construction, stable for a seed and generation order. */
void sim_make_id(struct world *w, int kind, char *out)
{
	uint64_t seq = w->id_seq++;
	uint64_t h = h4(w->o.seed, 0x1d, (uint64_t)kind, seq) % 10000000000ULL;

	snprintf(out, 24, "7%010llu%d%07llu", (unsigned long long)h, kind % 10,
		 (unsigned long long)(seq % 10000000ULL));
}

const char *req_arg(const struct req *r, const char *name)
{
	for (int i = 0; i < r->nq; i++)
		if (strcmp(r->q[i].k, name) == 0)
			return r->q[i].v;
	return NULL;
}

int sim_parse_body(struct req *r, json_t **out, char *msg, size_t msgsz)
{
	json_error_t je;

	*out = r->body ? json_loadb(r->body, r->body_len, 0, &je) : NULL;
	if (!*out || !json_is_object(*out)) {
		json_decref(*out);
		*out = NULL;
		return set_msg(msg, msgsz, 40002, "request body must be a JSON object");
	}
	return 0;
}

const char *sim_bstr(json_t *b, const char *k)
{
	return json_string_value(json_object_get(b, k));
}

/* ---- request arguments ---- */

struct adv *sim_find_adv(struct world *w, const char *id)
{
	for (int i = 0; id && i < w->nadv; i++)
		if (strcmp(w->advs[i].ent[L_ADV][0].id, id) == 0)
			return &w->advs[i];
	return NULL;
}

int sim_int_arg(const struct req *r, const char *name, long dflt, long lo, long hi, long *out,
		   char *msg, size_t msgsz)
{
	const char *s = req_arg(r, name);
	char *end;

	*out = dflt;
	if (!s)
		return 0;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < lo || v > hi)
		return set_msg(msg, msgsz, 40002, "%s: must be an integer between %ld and %ld", name,
			       lo, hi);
	*out = v;
	return 0;
}

/* JSON argument; *out is NULL when absent. type: 'a' array, 'o' object. */
int sim_json_arg(const struct req *r, const char *name, int type, json_t **out, char *msg,
		    size_t msgsz)
{
	const char *s = req_arg(r, name);
	json_error_t je;

	*out = NULL;
	if (!s)
		return 0;
	json_t *j = json_loads(s, JSON_DECODE_ANY, &je);
	if (!j)
		return set_msg(msg, msgsz, 40002, "%s: invalid JSON: %s", name, je.text);
	if ((type == 'a' && !json_is_array(j)) || (type == 'o' && !json_is_object(j))) {
		json_decref(j);
		return set_msg(msg, msgsz, 40002, "%s: must be a JSON %s", name,
			       type == 'a' ? "array" : "object");
	}
	*out = j;
	return 0;
}

int sim_strings_only(json_t *a, const char *name, char *msg, size_t msgsz)
{
	size_t i;
	json_t *v;

	json_array_foreach(a, i, v) if (!json_is_string(v))
		return set_msg(msg, msgsz, 40002, "%s: every element must be a string", name);
	return 0;
}

bool sim_str_in(json_t *arr, const char *s)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v) if (json_is_string(v) && !strcmp(json_string_value(v), s))
		return true;
	return false;
}

