/* rules_int.h: the loaded rules (lexicons, settings, reply templates), as
 * rules.c builds them and classify.c reads them. Private to those two files.
 *
 * Ownership: every string hangs off struct rules' arena. */
#ifndef TT_RULES_INT_H
#define TT_RULES_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

/* Lexicon names as written in rules.conf sections. */
#define LEXICONS(X)                                                                 \
	X(FOLLOW, "spam_follow")       /* follow for follow, sub4sub */            \
	X(PROMO, "spam_promo")         /* my page / shop / channel, link in bio */ \
	X(SCHEME, "spam_scheme")       /* earn money, crypto, loans, giveaways */  \
	X(SELLER, "spam_seller")       /* a seller's words next to a phone */      \
	X(PITCH, "spam_pitch")         /* I sell, je fais, kandir */              \
	X(CONTACT_ME, "contact_me")    /* inbox me, sift liya */                   \
	X(HANDLE_CUE, "spam_handle")   /* "check out" next to an @handle */        \
	X(CALLBACK, "callback")        /* a customer leaving her own number */     \
	X(C_ORDER, "complaint_order")  /* never arrived, late */                   \
	X(C_DEFECT, "complaint_defect") /* damaged, wrong, poor quality, size */   \
	X(C_REFUND, "complaint_refund") /* refund, exchange */                     \
	X(C_FRAUD, "complaint_fraud")  /* thieves, scam, liars */                  \
	X(C_SERVICE, "complaint_service") /* nobody answers, never again */        \
	X(ORDERED, "ordered")          /* I ordered, my order */                   \
	X(CHASE, "chase")              /* when will it arrive, where is it */      \
	X(PRICE_HIGH, "price_high")    /* expensive */                             \
	X(PRICE_OK, "price_ok")        /* not expensive, good price */             \
	X(INSULT, "insult")                                                         \
	X(INSULT_WEAK, "insult_weak") /* insults only aimed at a person */   \
	X(BODY, "body")                /* body-shaming words */                    \
	X(PERSON, "person")            /* the model, you (a person) */             \
	X(PRICE, "price")              /* how much, price */                       \
	X(AMOUNT, "amount")            /* dh, dirham, ryal */                      \
	X(DELIVERY, "delivery")                                                     \
	X(AVAIL, "availability")                                                    \
	X(VARIANT, "variant")          /* size, colour, material */                \
	X(INTENT, "intent")            /* I want one, dm me, how to order */       \
	X(PAYMENT, "payment")                                                       \
	X(QWORD, "question")           /* question words */                        \
	X(PRODUCT, "product")          /* product and shop nouns */                \
	X(PERSONAL, "personal")        /* personal questions to the model */       \
	X(OFFTOPIC, "offtopic")        /* football, exams, song, ... */            \
	X(PRAISE, "praise")                                                         \
	X(THANKS, "thanks")            /* thanks, blessings to the store */        \
	X(EMOJI_PRAISE, "emoji_praise")                                             \
	X(EMOJI_OFF, "emoji_offtopic")                                              \
	X(EMOJI_PRICE, "emoji_price")                                               \
	X(L_DL, "lang_darija_lat")                                                  \
	X(L_DA, "lang_darija_ar")                                                   \
	X(L_AR, "lang_ar")                                                          \
	X(L_FR, "lang_fr")                                                          \
	X(L_FRW, "lang_fr_weak")       /* French only when no Darija word */       \
	X(L_EN, "lang_en")                                                          \
	X(L_ENW, "lang_en_weak")

enum lex {
#define X(id, name) LX_##id,
	LEXICONS(X)
#undef X
	LX_COUNT
};

/* Names of the lexicons in rules.conf, by enum lex. */
extern const char *const rules_lex_names[LX_COUNT];

#define NLANG 7 /* darija-ar, darija-lat, ar, fr, en, mixed, fallback */

#define MAX_WORDS 8

struct entry {
	unsigned char n;
	bool stem;  /* last word ends in '*': prefix of a token */
	bool emoji; /* a single emoji */
	const char *w[MAX_WORDS];
};

struct lexicon {
	struct entry *v;
	size_t n, cap;
};

struct replyset {
	const char **v;
	size_t n, cap;
};

/* Open-addressing set of words (the segmentation vocabulary). */
struct strset {
	const char **slot;
	size_t cap, n;
};

struct rules {
	struct arena arena;
	struct lexicon lx[LX_COUNT];
	const char **own_domain, **own_handle;
	size_t n_domain, n_handle;
	bool hide_offtopic;
	struct replyset rep[NLANG];
	struct strset vocab;
};

/* Is w in the set? */
bool rules_set_has(const struct strset *s, const char *w);

#endif
