/**
 * @file sched/stride/stride.h
 * @brief Private interface of the stride `sched` provider (stride.ko):
 *        its ops table, tickets and the layout of thr->sched[].
 * @ingroup sched
 *
 * Stride scheduling (Waldspurger and Weihl, 1995) for the user and batch
 * classes: a thread holds tickets (from its nice value), its stride is
 * STRIDE_BIG / tickets, and its pass grows by its stride for every tick it
 * runs; the ready thread with the smallest pass runs next, so CPU time is
 * shared in proportion to tickets. Real-time threads form one FIFO above
 * everything, idle threads one FIFO below everything; user threads always
 * run before batch threads. The policy code (stride.c) is separate from
 * the kernel glue (stride_mod.c) so the host tests can drive it.
 */
#ifndef SCHED_STRIDE_H_
#define SCHED_STRIDE_H_

#include <stdint.h>

#include <kern/sched.h>

/** Time slice in timer ticks, the same for every class (16 ms at HZ=250). */
#define STRIDE_SLICE 4

/** Stride of one ticket per tick: a thread's stride is STRIDE_BIG / its tickets. */
#define STRIDE_BIG ((uint64_t)1 << 32)

/** Tickets of a nice-0 thread; each nice step scales tickets by 1.25. */
#define STRIDE_TICKETS_NICE0 1024

#define STRIDE_PASS   0 /**< thr->sched[] index: pass (virtual time, compared wrap-safe). */
#define STRIDE_REMAIN 1 /**< thr->sched[] index: pass - class pass when it left (int64_t). */
#define STRIDE_STRIDE 2 /**< thr->sched[] index: stride, STRIDE_BIG / tickets. */
#define STRIDE_INFO   3 /**< thr->sched[] index: flags, class (bits 8-15), tickets (32-63). */

/** The stride policy's table (what stride_mod.c hands to sched_register()). */
extern const struct sched_ops stride_sched_ops;

/**
 * @brief Return the tickets of a nice value: about 1024 * 1.25^-nice.
 * @param nice THR_NICE_MIN (-20) to THR_NICE_MAX (19); values outside are clamped.
 * @return tickets, 15 (nice 19) to 88818 (nice -20); 1024 for nice 0.
 */
uint32_t stride_tickets(long nice);

/**
 * @brief Return the pass of a class's virtual clock (the "global pass").
 *
 * It advances by STRIDE_BIG / (tickets of the class's active threads) for
 * every tick one of them runs; a joining thread's pass is set from it.
 * @param cls THR_CLASS_USER or THR_CLASS_BATCH (other classes have no clock: 0).
 * @return the class pass.
 */
uint64_t stride_class_pass(long cls);

#endif /* SCHED_STRIDE_H_ */
