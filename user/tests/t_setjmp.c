/* In-guest tests of setjmp/longjmp and thread-local storage. */
#include <setjmp.h>

#include "ztest.h"

static jmp_buf env;
static int depth;
static __thread int tls_counter = 7;
static __thread char tls_zero[100];

static void dive(int n)
{
	depth = n;
	if (n == 10)
		longjmp(env, n);
	if (n < 100)
		dive(n + 1);
}

static void jumps_back(void)
{
	volatile int local = 1;
	int r = setjmp(env);

	if (r == 0) {
		local = 2;
		dive(0);
		T_CHECK(0); /* not reached */
	}
	T_EQ(r, 10);
	T_EQ(depth, 10);
	T_EQ(local, 2);
}

static void zero_becomes_one(void)
{
	int r = setjmp(env);

	if (r == 0)
		longjmp(env, 0);
	T_EQ(r, 1);
}

static void thread_locals(void)
{
	int zero = 1;

	T_EQ(tls_counter, 7);
	tls_counter++;
	T_EQ(tls_counter, 8);
	for (int i = 0; i < 100; i++)
		zero &= tls_zero[i] == 0;
	T_CHECK(zero);
	T_CHECK((void *)&tls_counter != (void *)tls_zero);
}

int main(void)
{
	static const struct ztest tests[] = {
		ZTEST(jumps_back),
		ZTEST(zero_becomes_one),
		ZTEST(thread_locals),
	};
	return ztest_main("t_setjmp", tests, ZTEST_COUNT(tests));
}
