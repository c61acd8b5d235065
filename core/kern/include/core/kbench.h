/**
 * @file core/kbench.h
 * @brief In-guest benchmarks (the words `bench=sched`, `bench=mem`).
 * @ingroup core
 */
#ifndef CORE_KBENCH_H_
#define CORE_KBENCH_H_

/**
 * @brief Run a benchmark and print its rows ("bench: name | value | unit").
 * @param what "sched": context switch, tick overhead, CPU shares of a mix;
 *             "mem": string primitives, page allocation, faults, address-space
 *             operations on a sparse region, clock lag.
 */
void kbench_run(const char *what);

#endif /* CORE_KBENCH_H_ */
