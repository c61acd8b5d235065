/*
 * System V shared memory (shm.c) and POSIX shm objects (pshm.c) of the
 * ipc module: the ipc_ops members, the limits, and the process hooks.
 */
#ifndef IPC_SHM_H_
#define IPC_SHM_H_

#include <stddef.h>
#include <stdint.h>

#include <kern/ipc.h>

struct stat;

#define SHM_MAX (32u << 20) /* shmmax: largest segment, bytes */
#define SHM_MIN 1u	    /* shmmin: smallest segment, bytes */
#define SHM_MNI 128u	    /* shmmni: most segments */
#define SHM_ALL 65536u	    /* shmall: most pages in all segments (256 MiB) */

/* Where shmat places a segment when given no address (a lower bound). */
#define SHM_MAP_HINT 0x0000180000000000ULL

int shm_get(int32_t key, uint64_t size, int flags, const struct ipc_who *who);
int shm_at(int id, uint64_t *addr, int flags, struct vm_space *vm, const struct ipc_who *who);
int shm_dt(uint64_t addr, struct vm_space *vm, const struct ipc_who *who);
int shm_ctl(int id, int cmd, struct shmid_ds *ds, const struct ipc_who *who);

/* fork: the child inherits the parent's attachments. */
int shm_proc_fork(long parent, long child);
/* exec, exit: a process's attachments go. */
void shm_proc_drop(long pid);
/* Segments, their pages and attachments, into lim. */
void shm_usage(struct ipc_limits *lim);

int pshm_open(const char *name, int flags, unsigned mode, const struct ipc_who *who,
	      struct file **out);
int pshm_unlink(const char *name, const struct ipc_who *who);
int pshm_object(struct file *f, struct vm_object **out);
int pshm_setattr(struct file *f, const struct io_attr *a, const struct cred *cred);
long pshm_list(char *buf, uint64_t len);
/* The attributes of a named object (ls -l /dev/shm): 0, -ENOENT, -EINVAL. */
int pshm_stat_name(const char *name, struct stat *st);
/* "[shm:/name]" ("... (deleted)", "[shm:anon]") for a live object's memory object;
 * its length or -ENOENT. */
int pshm_obj_name(const struct vm_object *obj, char *buf, size_t len);
/* "[sysv-shm:key=0x... id=N]" for a segment's memory object; its length or -ENOENT. */
int shm_obj_name(const struct vm_object *obj, char *buf, size_t len);
/* POSIX objects alive. */
unsigned pshm_in_use(void);

#endif /* IPC_SHM_H_ */
