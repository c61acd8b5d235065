/*
 * semop's atomic step (sem_ops.h). The operations are applied one by one
 * in the order given (an operation sees the ones before it, as POSIX
 * wants when two name the same semaphore); the first that cannot go on
 * rolls back those already applied, in reverse order, so a failed semop
 * leaves no trace.
 */
#include <stdint.h>

#include <uapi/errno.h>

#include "sem_ops.h"

static void sem_revert(struct sem *sems, const struct sembuf *ops, unsigned upto, int32_t *adj)
{
	while (upto-- > 0) {
		const struct sembuf *op = &ops[upto];

		sems[op->sem_num].val = (uint16_t)(sems[op->sem_num].val - op->sem_op);
		if (adj && (op->sem_flg & SEM_UNDO))
			adj[op->sem_num] += op->sem_op;
	}
}

/* Can op go now? 0, -EAGAIN (wait) or -ERANGE. */
static int sem_step_ok(const struct sem *s, const struct sembuf *op, const int32_t *adj,
		       unsigned vmx)
{
	long v = (long)s->val + op->sem_op;

	if (op->sem_op == 0)
		return s->val == 0 ? 0 : -EAGAIN;
	if (v < 0)
		return -EAGAIN;
	if (v > (long)vmx)
		return -ERANGE;
	if (adj && (op->sem_flg & SEM_UNDO)) {
		long a = (long)adj[op->sem_num] - op->sem_op;

		if (a > (long)vmx || a < -(long)vmx)
			return -ERANGE;
	}
	return 0;
}

int sem_try(struct sem *sems, const struct sembuf *ops, unsigned n, int32_t *adj, unsigned vmx,
	    unsigned *block)
{
	for (unsigned i = 0; i < n; i++) {
		const struct sembuf *op = &ops[i];
		int rc = sem_step_ok(&sems[op->sem_num], op, adj, vmx);

		if (rc) {
			sem_revert(sems, ops, i, adj);
			*block = i;
			return rc;
		}
		sems[op->sem_num].val = (uint16_t)(sems[op->sem_num].val + op->sem_op);
		if (adj && (op->sem_flg & SEM_UNDO))
			adj[op->sem_num] -= op->sem_op;
	}
	return 0;
}
