/*
 * The commit thread: every commit_secs seconds, or when jbd_commit(j, 0)
 * kicks it, it commits the running transaction and checkpoints. It waits
 * under jbd.lock (thr_sleep_mutex, so no kick is lost) and says it has
 * ended under thread_lock, a spinlock whose release is its last touch of
 * the journal, so jbd_close() may free the journal once it sees that.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/lock.h>
#include <kern/printk.h>
#include <kern/thr.h>

#include "jbd_int.h"

static void jbd_thread(void *arg)
{
	struct jbd *j = arg;

	mutex_lock(&j->lock);
	while (!j->stopping) {
		if (!j->kick)
			thr_sleep_mutex(&j->kick, &j->lock,
					(uint64_t)j->p.commit_secs * 1000000000ULL);
		if (j->stopping)
			break;
		j->kick = 0;
		mutex_unlock(&j->lock);
		if (jbd_commit_now(j) == 0)
			jbd_checkpoint(j);
		mutex_lock(&j->lock);
	}
	mutex_unlock(&j->lock);
	spin_lock(&j->thread_lock);
	j->thread_alive = 0;
	spin_unlock(&j->thread_lock);
}

void jbd_thread_start(struct jbd *j)
{
	if (j->p.commit_secs == 0)
		return;
	j->thread_alive = 1;
	if (thr_create("jbdcommit", jbd_thread, j, THR_CLASS_USER, 0) == NULL) {
		j->thread_alive = 0;
		printk("jbd: %s: no memory for the commit thread: commits at fsync and umount\n",
		       j->p.name);
	}
}

void jbd_thread_stop(struct jbd *j)
{
	int alive;

	mutex_lock(&j->lock);
	j->stopping = 1;
	thr_wakeup(&j->kick);
	mutex_unlock(&j->lock);
	for (;;) {
		spin_lock(&j->thread_lock);
		alive = j->thread_alive;
		spin_unlock(&j->thread_lock);
		if (!alive)
			return;
		thr_wakeup(&j->kick);
		thr_sleep_ns(1000000);
	}
}

int jbd_commit(struct jbd *j, int wait)
{
	int alive;

	spin_lock(&j->thread_lock);
	alive = j->thread_alive;
	spin_unlock(&j->thread_lock);
	if (wait || !alive)
		return jbd_commit_now(j);
	mutex_lock(&j->lock);
	j->kick = 1;
	thr_wakeup(&j->kick);
	mutex_unlock(&j->lock);
	return 0;
}
