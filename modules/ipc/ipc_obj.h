/*
 * System V IPC objects of the ipc module: what message queues and
 * semaphore sets share — the id table (slot + sequence), keys, struct
 * ipc_perm checks, and sleeping on an object that may be removed.
 *
 * Lock order: a table's lock before an object's lock. ipc_tab_lock()
 * finds an object under the table lock, locks the object, and (unless
 * asked to keep it) lets the table go. An object leaves its table only
 * with both held (IPC_RMID), so one found and locked is alive; a thread
 * that sleeps on it holds a reference (refs), and the last of them frees
 * it once it is removed (ipc_obj_unlock).
 */
#ifndef IPC_OBJ_H_
#define IPC_OBJ_H_

#include <stdint.h>

#include <kern/cred.h>
#include <kern/ipc.h>
#include <kern/lock.h>
#include <kern/thr.h>
#include <kern/uptime.h>
#include <uapi/errno.h>

/* Slots of a table (its limit, msgmni or semmni, is at most this). */
#define IPC_TAB_SLOTS 256

/* Access wanted: the bits of one rwx group of ipc_perm.mode. */
#define IPC_R 4
#define IPC_W 2

/** The head of every object (first member of struct msq and struct semset). */
struct ipc_obj {
	struct mutex lock;    /**< Guards the object. */
	struct ipc_perm perm; /**< Key, owner, creator, mode, sequence. */
	int id;		      /**< Its id: slot + seq * IPC_SEQ_MUL. */
	int removed;	      /**< IPC_RMID: out of the table; sleepers see EIDRM. */
	unsigned refs;	      /**< Threads asleep on it (under @c lock). */
};

/** The objects of one kind, by slot. */
struct ipc_table {
	struct mutex lock;		     /**< Guards the slots (before any object's lock). */
	unsigned max;			     /**< The limit: most objects at once. */
	unsigned used;			     /**< Objects in the table. */
	void (*free)(struct ipc_obj *o);     /**< Frees a removed object (unlocked). */
	struct ipc_obj *slot[IPC_TAB_SLOTS]; /**< The objects (NULL: free). */
	uint16_t seq[IPC_TAB_SLOTS];	     /**< Bumped when a slot is freed. */
};

/* The maker of a new object (ipc_tab_get calls it under the table lock). */
typedef struct ipc_obj *ipc_make_fn(void *arg);
/* A check of an existing object found by key (locked), e.g. semget's nsems. */
typedef int ipc_check_fn(struct ipc_obj *o, void *arg);

/* 0 if cred may do want (IPC_R, IPC_W or both) on perm, else -EACCES. */
static inline int ipc_perm_ok(const struct ipc_perm *perm, const struct cred *cred, unsigned want)
{
	unsigned granted = perm->mode;

	if (cred->euid == 0)
		return 0;
	if (cred->euid == perm->uid || cred->euid == perm->cuid)
		granted >>= 6;
	else if (cred->egid == perm->gid || cred->egid == perm->cgid)
		granted >>= 3;
	return (granted & want & 7) == (want & 7) ? 0 : -EACCES;
}

/* 0 if cred owns or made the object, or is root; else -EPERM. */
int ipc_owner_ok(const struct ipc_perm *perm, const struct cred *cred);

/* msgget/semget: find key's object or make one; the id or a negative errno. */
int ipc_tab_get(struct ipc_table *t, int32_t key, int flags, const struct ipc_who *who,
		ipc_make_fn *make, ipc_check_fn *check, void *arg);

/*
 * The object with this id, locked (and the table too when keep_table);
 * NULL when there is none (-EINVAL for the caller). With by_index, id is
 * a slot index (MSG_STAT, SEM_STAT).
 */
struct ipc_obj *ipc_tab_lock(struct ipc_table *t, int id, int keep_table, int by_index);

/* IPC_RMID: take o (locked, and the table locked) out of the table. */
void ipc_tab_unlink(struct ipc_table *t, struct ipc_obj *o);

/* Unlock o; free it if it is removed and nobody sleeps on it. */
void ipc_obj_unlock(struct ipc_table *t, struct ipc_obj *o);

/* Call fn on each object, locked, with the table locked. */
void ipc_tab_foreach(struct ipc_table *t, void (*fn)(struct ipc_obj *o, void *arg), void *arg);

/*
 * Sleep on chan (a counter of sleepers) with o locked; 0 when woken,
 * -EIDRM if o was removed meanwhile, -EINTR, -ETIMEDOUT.
 */
int ipc_obj_sleep(struct ipc_obj *o, unsigned *chan, uint64_t timeout_ns);

/* Wake chan's sleepers, if any (o locked). */
static inline void ipc_obj_wake(unsigned *chan)
{
	if (*chan)
		thr_wakeup(chan);
}

/* Seconds since 1970, for the *_time fields (the clock's second at the last
 * tick, as Linux stamps them: no clock read on a semop). */
static inline int64_t ipc_now(void)
{
	return (int64_t)kern_realtime_sec();
}

#endif /* IPC_OBJ_H_ */
