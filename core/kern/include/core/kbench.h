/**
 * @file core/kbench.h
 * @brief In-guest benchmarks (the word `bench=sched`).
 * @ingroup core
 */
#ifndef CORE_KBENCH_H_
#define CORE_KBENCH_H_

/**
 * @brief Run a benchmark and print its rows ("bench: name | value | unit").
 * @param what "sched": context switch, tick overhead, CPU shares of a mix.
 */
void kbench_run(const char *what);

#endif /* CORE_KBENCH_H_ */
