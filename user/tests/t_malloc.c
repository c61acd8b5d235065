/* In-guest stress of malloc/calloc/realloc/free over brk and map. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ztest.h"

#define SLOTS 512

static unsigned int seed = 12345;

static unsigned int next_rand(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 8;
}

/* Fill each block with a pattern of its slot; check it before freeing. */
static void stress(void)
{
	static unsigned char *p[SLOTS];
	static size_t len[SLOTS];
	int bad = 0;

	for (int round = 0; round < 20000; round++) {
		int i = (int)(next_rand() % SLOTS);
		if (p[i]) {
			for (size_t k = 0; k < len[i]; k++)
				bad |= p[i][k] != (unsigned char)(i + k);
			free(p[i]);
			p[i] = NULL;
			continue;
		}
		len[i] = next_rand() % (next_rand() % 16 == 0 ? 300000 : 2000);
		p[i] = malloc(len[i]);
		if (!T_CHECK(p[i] != NULL))
			return;
		T_CHECK(((uintptr_t)p[i] & 15) == 0);
		for (size_t k = 0; k < len[i]; k++)
			p[i][k] = (unsigned char)(i + k);
	}
	for (int i = 0; i < SLOTS; i++)
		free(p[i]);
	T_CHECK(!bad);
}

static volatile size_t big = (size_t)1 << 40;

static void calloc_zeroes(void)
{
	unsigned char *p = malloc(1000);
	int nonzero = 0;

	memset(p, 0xee, 1000);
	free(p);
	p = calloc(250, 4);
	for (int i = 0; i < 1000; i++)
		nonzero |= p[i];
	T_CHECK(!nonzero);
	free(p);
	T_CHECK(calloc(big, big) == NULL);
}

static void realloc_keeps(void)
{
	char *p = malloc(10);
	int ok = 1;

	strcpy(p, "realloc");
	for (size_t n = 16; n < 1u << 20; n *= 3) {
		p = realloc(p, n);
		if (!T_CHECK(p != NULL))
			return;
		ok &= strcmp(p, "realloc") == 0;
	}
	T_CHECK(ok);
	p = realloc(p, 4);
	T_CHECK(memcmp(p, "real", 4) == 0);
	free(p);
}

static void aligned(void)
{
	void *p = NULL;

	T_EQ(posix_memalign(&p, 4096, 100), 0);
	T_CHECK(((uintptr_t)p & 4095) == 0);
	free(p);
	p = aligned_alloc(64, 1 << 20);
	T_CHECK(p && ((uintptr_t)p & 63) == 0);
	free(p);
}

static void reuse(void)
{
	void *a = malloc(100), *b;

	free(a);
	b = malloc(100);
	T_CHECK(a == b);
	free(b);
}

int main(void)
{
	static const struct ztest tests[] = {
		ZTEST(stress),	ZTEST(calloc_zeroes), ZTEST(realloc_keeps),
		ZTEST(aligned), ZTEST(reuse),
	};
	return ztest_main("t_malloc", tests, ZTEST_COUNT(tests));
}
