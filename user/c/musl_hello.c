/*
 * musl_hello: the C test program, built with `musl-gcc -static -O2`: a
 * static musl binary rather than glibc, so the kernel meets a second libc's
 * start-up code and system-call habits. Prints through stdio, allocates
 * with malloc (small blocks from brk or mmap, one large block from mmap),
 * checks what it wrote, then prints `PASS musl_hello`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

static void check(int ok, const char *what)
{
	printf("%s - %s\n", ok ? "ok" : "not ok", what);
	if (!ok)
		failures++;
}

int main(int argc, char **argv)
{
	printf("hello from musl\n");
	for (int i = 0; i < argc; i++)
		printf("argv[%d] = %s\n", i, argv[i]);
	check(argc >= 1, "argc >= 1");

	enum { BLOCKS = 1000 };
	static unsigned char *blocks[BLOCKS];
	int allocated = 1;
	for (int i = 0; i < BLOCKS; i++) {
		size_t len = 16 + (size_t)(i * 37 % 2000);
		blocks[i] = malloc(len);
		if (!blocks[i]) {
			allocated = 0;
			break;
		}
		memset(blocks[i], i & 0xff, len);
	}
	check(allocated, "1000 small mallocs");
	int intact = allocated;
	for (int i = 0; allocated && i < BLOCKS; i++) {
		size_t len = 16 + (size_t)(i * 37 % 2000);
		for (size_t j = 0; j < len; j++)
			if (blocks[i][j] != (unsigned char)(i & 0xff))
				intact = 0;
		free(blocks[i]);
	}
	check(intact, "small blocks hold what was written");

	size_t big_len = 8u << 20;
	unsigned char *big = malloc(big_len);
	int big_ok = big != NULL;
	if (big) {
		for (size_t i = 0; i < big_len; i += 4096)
			big[i] = (unsigned char)(i >> 12);
		for (size_t i = 0; i < big_len; i += 4096)
			if (big[i] != (unsigned char)(i >> 12))
				big_ok = 0;
		free(big);
	}
	check(big_ok, "8 MiB malloc written and read back");

	char line[64];
	snprintf(line, sizeof line, "%d %s %x", 42, "exo", 255u);
	check(strcmp(line, "42 exo ff") == 0, "snprintf formats");

	if (failures) {
		printf("FAIL musl_hello: %d checks failed\n", failures);
		return 1;
	}
	printf("PASS musl_hello\n");
	return 0;
}
