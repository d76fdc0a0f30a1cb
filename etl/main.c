/* main.c: argv -> config -> pipeline -> exit code. Being assembled. */
#include <stdio.h>
#include <string.h>

#include "err.h"

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		puts("ttreport 0.1");
		return EXIT_OK;
	}
	fputs("usage: ttreport [run|report|comments|classify|auth|api] [options]\n", stderr);
	return EXIT_USAGE;
}
