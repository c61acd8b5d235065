/*
 * Host threads for tests that race kernel code on several CPUs. Kept apart
 * from <pthread.h>, whose time types clash with the uapi ones the kernel
 * headers bring.
 */
#ifndef TESTS_HOST_HOST_THREADS_H_
#define TESTS_HOST_HOST_THREADS_H_

/**
 * Run @p fn(i) on @p n threads at once (i = 0 .. n - 1) and wait for all.
 * Returns 0, or -1 if a thread could not be started.
 */
int host_run_threads(int n, void (*fn)(int i));

#endif /* TESTS_HOST_HOST_THREADS_H_ */
