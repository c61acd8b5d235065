/*
 * Host benchmark: the kernel's formatter (fmt_snprintf) against glibc's
 * snprintf on the kinds of lines printk formats. Prints a table; asserts
 * nothing about speed (the machine is noisy: compare the ratio column).
 */
#include <stdio.h>
#include <stdint.h>
#include <time.h>

#include <kern/fmt.h>

#define BENCH_ITERS 400000

static double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static volatile int bench_sink;

#define BENCH_CASE(label, ...)                                                                     \
	do {                                                                                       \
		char buf[256];                                                                     \
		double t0 = bench_now();                                                           \
		for (int i = 0; i < BENCH_ITERS; i++)                                              \
			bench_sink += fmt_snprintf(buf, sizeof(buf), __VA_ARGS__);                 \
		double t1 = bench_now();                                                           \
		for (int i = 0; i < BENCH_ITERS; i++)                                              \
			bench_sink += snprintf(buf, sizeof(buf), __VA_ARGS__);                     \
		double t2 = bench_now();                                                           \
		printf("| %-28s | %12.0f | %12.0f | %6.2f |\n", label, BENCH_ITERS / (t1 - t0),    \
		       BENCH_ITERS / (t2 - t1), (t2 - t1) / (t1 - t0));                            \
	} while (0)

int main(void)
{
	printf("formatter: calls per second (higher is better); ratio = fmt speed / glibc speed\n");
	printf("| %-28s | %12s | %12s | %6s |\n", "case", "fmt", "glibc", "ratio");
	printf("|------------------------------|--------------|--------------|--------|\n");
	BENCH_CASE("short string", "boot: %s\n", "complete");
	BENCH_CASE("mmap line", "  [%#014lx-%#014lx) %8lu KiB %s\n", 0x100000UL, 0x7fe0000UL,
		   130944UL, "available");
	BENCH_CASE("register dump", "  rax %016lx rbx %016lx rcx %016lx\n", 0x1234UL,
		   0xffffffff80101234UL, 0UL);
	BENCH_CASE("signed decimals", "%d %d %d %d", -1, 2147483647, -2147483647 - 1, 42);
	return 0;
}
