/*
 * The all-or-nothing step of semop (sem_ops.c): try a list of operations
 * on a set's values and either apply them all or leave everything as it
 * was. Pure code, no locks (the set holds its own), host-tested as is.
 */
#ifndef IPC_SEM_OPS_H_
#define IPC_SEM_OPS_H_

#include <stdint.h>

#include <uapi/errno.h>
#include <uapi/sem.h>

/** One semaphore of a set. */
struct sem {
	uint16_t val;  /**< Its value, 0 to semvmx. */
	long pid;      /**< The last process that changed it (semop, SETVAL, undo). */
	unsigned ncnt; /**< Sleepers waiting for it to grow. */
	unsigned zcnt; /**< Sleepers waiting for it to be zero. */
};

/*
 * Apply ops[0..n) to sems in order, as one step. adj: the caller's
 * SEM_UNDO adjustments (one per semaphore), changed for the ops with
 * SEM_UNDO; NULL when none has it. The caller checked every sem_num.
 * Returns 0 (all applied), -EAGAIN (nothing applied: ops[*block] must
 * wait), or -ERANGE (nothing applied: a value or adjustment would pass
 * vmx).
 */
int sem_try(struct sem *sems, const struct sembuf *ops, unsigned n, int32_t *adj, unsigned vmx,
	    unsigned *block);

/*
 * sem_try() of one operation without SEM_UNDO, inline (the usual P or V,
 * semop's fast path): the same answers, 0, -EAGAIN or -ERANGE, and on 0
 * the value changed.
 */
static inline int sem_try_one(struct sem *sem, int op, unsigned vmx)
{
	long v = (long)sem->val + op;

	if (op == 0)
		return sem->val == 0 ? 0 : -EAGAIN;
	if (v < 0)
		return -EAGAIN;
	if (v > (long)vmx)
		return -ERANGE;
	sem->val = (uint16_t)v;
	return 0;
}

#endif /* IPC_SEM_OPS_H_ */
