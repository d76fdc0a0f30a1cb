#include "fault_curl.h"

#include <curl/curl.h>
#include <stdbool.h>

int fault_perform_from, fault_init_fails, fault_add_fails;
long fault_perform_calls, fault_polls_after_reap;
static bool reaped;

CURLMcode __real_curl_multi_perform(CURLM *m, int *running);
CURLMcode __real_curl_multi_poll(CURLM *m, struct curl_waitfd *fds, unsigned n, int ms, int *ret);
CURLMsg *__real_curl_multi_info_read(CURLM *m, int *left);
CURL *__real_curl_easy_init(void);
CURLMcode __real_curl_multi_add_handle(CURLM *m, CURL *e);

CURLMcode __wrap_curl_multi_perform(CURLM *m, int *running);
CURLMcode __wrap_curl_multi_poll(CURLM *m, struct curl_waitfd *fds, unsigned n, int ms, int *ret);
CURLMsg *__wrap_curl_multi_info_read(CURLM *m, int *left);
CURL *__wrap_curl_easy_init(void);
CURLMcode __wrap_curl_multi_add_handle(CURLM *m, CURL *e);

void fault_reset(void)
{
	fault_perform_from = fault_init_fails = fault_add_fails = 0;
	fault_perform_calls = fault_polls_after_reap = 0;
	reaped = false;
}

CURLMcode __wrap_curl_multi_perform(CURLM *m, int *running)
{
	int from = __atomic_load_n(&fault_perform_from, __ATOMIC_SEQ_CST);

	reaped = false; /* a new turn of the loop */
	if (++fault_perform_calls >= from && from > 0)
		return CURLM_OUT_OF_MEMORY;
	return __real_curl_multi_perform(m, running);
}

CURLMcode __wrap_curl_multi_poll(CURLM *m, struct curl_waitfd *fds, unsigned n, int ms, int *ret)
{
	if (reaped)
		fault_polls_after_reap++;
	return __real_curl_multi_poll(m, fds, n, ms, ret);
}

CURLMsg *__wrap_curl_multi_info_read(CURLM *m, int *left)
{
	CURLMsg *msg = __real_curl_multi_info_read(m, left);

	if (msg && msg->msg == CURLMSG_DONE)
		reaped = true;
	return msg;
}

CURL *__wrap_curl_easy_init(void)
{
	if (fault_init_fails > 0) {
		fault_init_fails--;
		return NULL;
	}
	return __real_curl_easy_init();
}

CURLMcode __wrap_curl_multi_add_handle(CURLM *m, CURL *e)
{
	if (fault_add_fails > 0) {
		fault_add_fails--;
		return CURLM_OUT_OF_MEMORY;
	}
	return __real_curl_multi_add_handle(m, e);
}
