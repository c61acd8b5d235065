/*
 * qsort (heapsort: in place, O(n log n) at worst, no recursion; insertion
 * sort for short arrays) and bsearch.
 */
#include <stdlib.h>
#include <string.h>

typedef int (*cmp_fn)(const void *, const void *);

static void swap(char *a, char *b, size_t size)
{
	char t[64];

	while (size) {
		size_t k = size < sizeof(t) ? size : sizeof(t);
		memcpy(t, a, k);
		memcpy(a, b, k);
		memcpy(b, t, k);
		a += k, b += k, size -= k;
	}
}

/* Move element i down the heap of n elements until both children are smaller. */
static void sift(char *base, size_t i, size_t n, size_t size, cmp_fn cmp)
{
	for (;;) {
		size_t c = 2 * i + 1, big = i;
		if (c < n && cmp(base + c * size, base + big * size) > 0)
			big = c;
		if (c + 1 < n && cmp(base + (c + 1) * size, base + big * size) > 0)
			big = c + 1;
		if (big == i)
			return;
		swap(base + i * size, base + big * size, size);
		i = big;
	}
}

void qsort(void *base0, size_t n, size_t size, cmp_fn cmp)
{
	char *base = base0;

	if (n < 2 || size == 0)
		return;
	if (n <= 12) {
		for (size_t i = 1; i < n; i++)
			for (size_t j = i; j > 0 && cmp(base + (j - 1) * size, base + j * size) > 0;
			     j--)
				swap(base + (j - 1) * size, base + j * size, size);
		return;
	}
	for (size_t i = n / 2; i-- > 0;)
		sift(base, i, n, size, cmp);
	for (size_t end = n - 1; end > 0; end--) {
		swap(base, base + end * size, size);
		sift(base, 0, end, size, cmp);
	}
}

void *bsearch(const void *key, const void *base, size_t n, size_t size, cmp_fn cmp)
{
	const char *b = base;

	while (n) {
		const char *mid = b + (n / 2) * size;
		int c = cmp(key, mid);
		if (c == 0)
			return (void *)mid;
		if (c > 0) {
			b = mid + size;
			n -= n / 2 + 1;
		} else {
			n /= 2;
		}
	}
	return NULL;
}
