/* libFuzzer target: config_load() on arbitrary config files and command
 * lines. The input is a file's text, optionally followed by "\0\0" and
 * NUL-separated arguments (after "ttreport"); without them the command line
 * is "ttreport report -c FILE". The environment is emptied of TIKTOK_* and
 * TTREPORT_* first; the current folder must not hold a ttreport.conf. */
#include <getopt.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "etl/config.h"
#include "core/log.h"

static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const vars[] = { "TIKTOK_ACCESS_TOKEN", "TIKTOK_ADVERTISER_IDS",
					    "TIKTOK_BUSINESS_ID", "TIKTOK_ACCOUNT_TOKEN",
					    "TIKTOK_REFRESH_TOKEN", "TIKTOK_APP_ID", "TIKTOK_APP_SECRET",
					    "TTREPORT_SMTP_PASSWORD", "TTREPORT_SMTP_URL",
					    "TTREPORT_SMTP_USER", "TTREPORT_MAIL_FROM", "TTREPORT_API_BASE" };
	int fd;

	(void)argc;
	(void)argv;
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		unsetenv(vars[i]);
	snprintf(path, sizeof(path), "/tmp/fuzz_config.XXXXXX");
	if ((fd = mkstemp(path)) < 0)
		abort();
	close(fd);
	log_set_level(LOG_ERROR);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *sep = NULL;
	char *argv[34], *args = NULL;
	int argc = 0;
	size_t flen = size;
	struct config c;
	struct err e = { 0 };
	FILE *f;

	for (size_t i = 0; i + 1 < size; i++)
		if (data[i] == 0 && data[i + 1] == 0) {
			sep = data + i;
			break;
		}
	if (sep)
		flen = (size_t)(sep - data);
	if (!(f = fopen(path, "w")))
		abort();
	fwrite(data, 1, flen, f);
	fclose(f);

	argv[argc++] = "ttreport";
	if (sep) {
		size_t alen = size - flen - 2;
		args = malloc(alen + 1);
		memcpy(args, sep + 2, alen);
		args[alen] = '\0';
		for (char *p = args; p < args + alen + 1 && argc < 32; p += strlen(p) + 1)
			argv[argc++] = p; /* "-c" in there may name our file */
	} else {
		argv[argc++] = "report";
		argv[argc++] = "-c";
		argv[argc++] = path;
	}
	argv[argc] = NULL;
	/* glibc's getopt keeps a pointer into the last argv when a call stopped
	 * inside an option cluster ("-qx": unknown x); config_load() sets optind
	 * to 1 or 2, which does not clear it. optind = 0 does, on the next call. */
	{
		char *none[] = { "ttreport", NULL };
		optind = 0;
		getopt(1, none, "");
	}
	config_load(&c, argc, argv, &e);
	config_release(&c);
	free(args);
	return 0;
}
