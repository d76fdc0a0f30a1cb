/* fault_curl.h: curl calls that fail on demand, for the unit tests linked with
 * the Makefile's CURL_WRAP (-Wl,--wrap=...). Each wrapper calls the real curl
 * function unless its fault is armed; tests arm and disarm them. */
#ifndef TT_FAULT_CURL_H
#define TT_FAULT_CURL_H

extern int fault_perform_from;   /* > 0: curl_multi_perform fails from its Nth call on */
extern int fault_init_fails;     /* curl_easy_init returns NULL this many more times */
extern int fault_add_fails;      /* curl_multi_add_handle fails this many more times */
extern long fault_perform_calls; /* curl_multi_perform calls so far */
/* curl_multi_poll calls made in a loop turn whose curl_multi_info_read had
 * handed back a finished transfer (a slot was free: no reason to wait) */
extern long fault_polls_after_reap;

void fault_reset(void);

#endif
