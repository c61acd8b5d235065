/*
 * Processes: the table, pids, parents and children, exit and wait. A
 * process is what its threads share (address space, descriptors, working
 * directory, credentials, signal dispositions); each of its threads is a
 * struct thr with t->proc pointing here.
 *
 * Life: proc_alloc() (fork, or the first process) -> PROC_LIVE -> exit
 * releases what it holds and becomes PROC_ZOMBIE, keeping its pid and
 * status word -> the parent's wait() frees the slot. Orphans go to init
 * (pid 1), which reaps them.
 *
 * Locking: proc_lock guards the table, every state, parent and child
 * links; it is a leaf spinlock (nothing sleeps or allocates under it).
 * wait() sleeps on the parent's record, after checking with interrupts
 * disabled; exit() wakes it.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <arch/user.h>
#include <core/boot.h>
#include <core/cmdline.h>
#include <core/fdtab.h>
#include <core/job.h>
#include <core/proc.h>
#include <core/proc_image.h>
#include <core/signal.h>
#include <core/thr_priv.h>
#include <kern/io.h>
#include <kern/kmod.h>
#include <kern/ipc.h>
#include <kern/lock.h>
#include <kern/printk.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <kern/tmr.h>
#include <kern/vm.h>
#include <uapi/errno.h>
#include <uapi/signal.h>
#include <uapi/wait.h>

static struct proc proc_table[PROC_MAX];
static struct spinlock proc_lock = SPINLOCK_INIT("proc");
static long proc_last_pid;

struct proc *proc_current(void)
{
	struct thr *t = thr_current();

	return t ? t->proc : NULL;
}

const struct cred *kern_cred_current(void)
{
	struct proc *p = proc_current();

	return p ? &p->cred : NULL;
}
KERN_EXPORT(kern_cred_current);

static int proc_pid_used(long pid)
{
	for (unsigned i = 0; i < PROC_MAX; i++)
		if (proc_table[i].state != PROC_FREE && proc_table[i].pid == pid)
			return 1;
	return 0;
}

/* A free slot with a fresh pid, or NULL when the table is full (EAGAIN). */
struct proc *proc_alloc(struct proc *parent)
{
	struct proc *p = NULL;

	spin_lock(&proc_lock);
	for (unsigned i = 0; i < PROC_MAX && !p; i++)
		if (proc_table[i].state == PROC_FREE)
			p = &proc_table[i];
	if (p) {
		memset(p, 0, sizeof(*p));
		do
			proc_last_pid = proc_last_pid >= 99999 ? 1 : proc_last_pid + 1;
		while (proc_pid_used(proc_last_pid));
		p->pid = proc_last_pid;
		p->state = PROC_LIVE;
		p->parent = parent;
		list_init(&p->children);
		list_init(&p->sibling);
		if (parent)
			list_add_tail(&parent->children, &p->sibling);
	}
	spin_unlock(&proc_lock);
	return p;
}

struct proc *proc_find(long pid)
{
	struct proc *p = NULL;

	spin_lock(&proc_lock);
	for (unsigned i = 0; i < PROC_MAX && !p; i++)
		if (proc_table[i].state == PROC_LIVE && proc_table[i].pid == pid)
			p = &proc_table[i];
	spin_unlock(&proc_lock);
	return p;
}

void proc_table_lock(void)
{
	spin_lock(&proc_lock);
}

void proc_table_unlock(void)
{
	spin_unlock(&proc_lock);
}

struct proc *proc_slot(unsigned i)
{
	return &proc_table[i];
}

void proc_foreach(int (*fn)(struct proc *p, void *arg), void *arg)
{
	spin_lock(&proc_lock);
	for (unsigned i = 0; i < PROC_MAX; i++)
		if (proc_table[i].state == PROC_LIVE && fn(&proc_table[i], arg))
			break;
	spin_unlock(&proc_lock);
}

/* Give the children of a dying process to init; wake init if one is done. */
static void proc_reparent(struct proc *p)
{
	struct proc *init = &proc_table[0];
	struct list_node *pos, *tmp;
	int zombies = 0;

	list_for_each_safe(pos, tmp, &p->children)
	{
		struct proc *c = list_entry(pos, struct proc, sibling);

		list_del(&c->sibling);
		if (p == init) { /* init itself ends: nobody is left to reap them */
			c->parent = NULL;
			continue;
		}
		c->parent = init;
		list_add_tail(&init->children, &c->sibling);
		zombies |= c->state == PROC_ZOMBIE;
	}
	if (zombies)
		thr_wakeup(init);
}

/* The first process ending under halt=exit ends the run with its status. */
static void proc_first_exit(const struct proc *p)
{
	const char *halt = cmdline_get(boot_cmdline(), "halt");

	printk("zero: first process %s (pid %ld) %s %d\n", p->name, p->pid,
	       WIFEXITED(p->status) ? "exited" : "was killed by signal",
	       WIFEXITED(p->status) ? WEXITSTATUS(p->status) : WTERMSIG(p->status));
	if (halt && strcmp(halt, "exit") == 0) {
		printk("zero: %s, leaving the emulator\n", p->status == 0 ? "done" : "it failed");
		arch_emu_exit(p->status == 0 ? ARCH_EXIT_PASS : ARCH_EXIT_FAIL);
	}
}

/* Take the caller out of its process's threads; the others are told to
 * leave (their sleeps end; each exits on its way back to user mode).
 * Returns how many threads are left. */
static long proc_leave(struct proc *p, int status, int whole)
{
	struct thr *me = thr_current();
	long left;

	mutex_lock(&p->thr_lock);
	if (whole && !p->exiting) {
		p->exiting = 1;
		__atomic_or_fetch(&p->attn, PROC_ATTN_EXIT, __ATOMIC_ACQ_REL);
		p->status = status;
	}
	for (unsigned i = 0; i < PROC_THREADS; i++) {
		struct proc_thread *s = &p->threads[i];

		if (s->t == me)
			*s = (struct proc_thread){ 0 };
		else if (s->t && p->exiting)
			thr_interrupt(s->t);
	}
	left = --p->nthr;
	mutex_unlock(&p->thr_lock);
	return left;
}

int proc_exec_single(struct proc *p)
{
	struct thr *me = thr_current();
	uint64_t flags;
	int rc = 0;

	mutex_lock(&p->thr_lock);
	if (p->exiting || p->exec_thr) {
		mutex_unlock(&p->thr_lock);
		return -EINTR;
	}
	__atomic_store_n(&p->exec_thr, me, __ATOMIC_RELEASE);
	__atomic_or_fetch(&p->attn, PROC_ATTN_EXEC, __ATOMIC_ACQ_REL);
	for (unsigned i = 0; i < PROC_THREADS; i++)
		if (p->threads[i].t && p->threads[i].t != me)
			thr_interrupt(p->threads[i].t);
	mutex_unlock(&p->thr_lock);
	flags = arch_irq_save();
	while (__atomic_load_n(&p->nthr, __ATOMIC_ACQUIRE) > 1 && !p->exiting)
		thr_sleep(&p->exec_thr, 10000000); /* ns: the backstop of a lost wakeup */
	arch_irq_restore(flags);
	mutex_lock(&p->thr_lock);
	if (p->exiting)
		rc = -EINTR;
	for (unsigned i = 0; i < PROC_THREADS; i++) /* joinable records of the old image */
		if (p->threads[i].t != me)
			p->threads[i] = (struct proc_thread){ 0 };
	__atomic_store_n(&p->exec_thr, NULL, __ATOMIC_RELEASE);
	__atomic_and_fetch(&p->attn, ~(uint32_t)PROC_ATTN_EXEC, __ATOMIC_ACQ_REL);
	mutex_unlock(&p->thr_lock);
	return rc;
}

void proc_exec_leave(struct proc *p)
{
	proc_leave(p, 0, 0);
	thr_wakeup(&p->exec_thr);
	thr_exit();
}

int proc_thread_add(struct proc *p, struct thr *t)
{
	int rc = -EAGAIN;

	mutex_lock(&p->thr_lock);
	for (unsigned i = 0; i < PROC_THREADS && rc; i++) {
		if (p->threads[i].id == 0) {
			p->threads[i] = (struct proc_thread){ .id = t->id, .t = t };
			p->nthr++;
			rc = 0;
		}
	}
	mutex_unlock(&p->thr_lock);
	return rc;
}

/* The distinct groups of @p's children (job_exit() checks them for orphans). */
static int proc_child_pgids(struct proc *p, long *pgids, int max)
{
	struct list_node *pos, *tmp;
	int n = 0;

	list_for_each_safe(pos, tmp, &p->children)
	{
		long g = list_entry(pos, struct proc, sibling)->pgid;
		int seen = 0;

		for (int i = 0; i < n && !seen; i++)
			seen = pgids[i] == g;
		if (!seen && n < max)
			pgids[n++] = g;
	}
	return n;
}

void proc_exit(struct proc *p, int status)
{
	struct vm_space *vm;
	struct fdtab *fds;
	long pgids[16];
	int npg;

	if (proc_leave(p, status, 1) > 0)
		thr_exit(); /* the last thread out releases the process */
	tmr_cancel(&p->alarm);
	proc_image_detach(p, &vm, &fds); /* /proc readers are done with them */
	if (p->vm_borrowed)
		vm = NULL;
	fdtab_destroy(fds);
	ipc_proc_exit(p->pid); /* its SEM_UNDO adjustments */
	io_vrele(p->cwd);
	p->cwd = NULL;
	if (vm)
		vm_space_destroy(vm);
	spin_lock(&proc_lock);
	p->state = PROC_ZOMBIE;
	__atomic_store_n(&p->vfork_done, 1, __ATOMIC_RELEASE);
	npg = proc_child_pgids(p, pgids, 16);
	proc_reparent(p);
	spin_unlock(&proc_lock);
	job_exit(p, pgids, npg);
	if (p->parent) {
		signal_post(p->parent, SIGCHLD); /* ignored unless it has a handler */
		thr_wakeup(p->parent);
	}
	thr_wakeup(&p->vfork_done);
	if (p == &proc_table[0])
		proc_first_exit(p);
	else if (p->parent == NULL) /* an orphan of an ended init: nobody reaps it */
		p->state = PROC_FREE;
	thr_exit();
}

void proc_thread_exit(struct proc *p, uint64_t value)
{
	struct thr *me = thr_current();
	int last;

	mutex_lock(&p->thr_lock);
	last = p->nthr == 1;
	for (unsigned i = 0; i < PROC_THREADS && !last; i++) {
		struct proc_thread *s = &p->threads[i];

		if (s->t != me)
			continue;
		if (s->detached) {
			*s = (struct proc_thread){ 0 };
		} else {
			s->t = NULL;
			s->exited = 1;
			s->value = value;
		}
		p->nthr--;
		thr_wakeup(s);
	}
	mutex_unlock(&p->thr_lock);
	if (last)
		proc_exit(p, 0);
	thr_exit();
}

/* Does child @c match the pid argument of wait (-1, > 0, 0, < -1)? */
static int proc_wait_match(const struct proc *c, long pid, long pgid)
{
	return pid == -1 || (pid > 0 && c->pid == pid) || (pid == 0 && c->pgid == pgid) ||
	       (pid < -1 && c->pgid == -pid);
}

/* A stop (WUNTRACED) or a continue (WCONTINUED) of @c to report, taken. */
static int proc_wait_report(struct proc *c, int options, int *status)
{
	int r = __atomic_load_n(&c->wait_report, __ATOMIC_ACQUIRE);

	if (r == 0 || c->state != PROC_LIVE)
		return 0;
	if (r == JOB_CONTINUED ? !(options & WCONTINUED) : !(options & WUNTRACED))
		return 0;
	if (!__atomic_compare_exchange_n(&c->wait_report, &r, 0, 0, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE))
		return 0;
	*status = r;
	return 1;
}

/* One pass over the children: reap a matching zombie, or say why not. */
static long proc_wait_scan(struct proc *p, long pid, int options, int *status)
{
	struct list_node *pos, *tmp;
	int any = 0;

	list_for_each_safe(pos, tmp, &p->children)
	{
		struct proc *c = list_entry(pos, struct proc, sibling);
		long cpid = c->pid;

		if (!proc_wait_match(c, pid, p->pgid))
			continue;
		any = 1;
		if (proc_wait_report(c, options, status))
			return cpid;
		if (c->state != PROC_ZOMBIE)
			continue;
		*status = c->status;
		list_del(&c->sibling);
		c->state = PROC_FREE;
		return cpid;
	}
	return any ? 0 : -ECHILD;
}

long proc_wait(struct proc *p, long pid, int options, int *status)
{
	for (;;) {
		uint64_t flags = arch_irq_save();
		long r;

		spin_lock(&proc_lock);
		r = proc_wait_scan(p, pid, options, status);
		spin_unlock(&proc_lock);
		if (r != 0 || (options & WNOHANG)) {
			arch_irq_restore(flags);
			return r;
		}
		r = thr_sleep_sig(p, NULL, 0);
		arch_irq_restore(flags);
		if (r == -EINTR && signal_pending())
			return -EINTR;
	}
}

/* A child fork made but could not start: undo it, as if it never was. */
void proc_discard(struct proc *c)
{
	struct vm_space *vm;
	struct fdtab *fds;

	proc_image_detach(c, &vm, &fds);
	if (vm && !c->vm_borrowed)
		vm_space_destroy(vm);
	fdtab_destroy(fds);
	io_vrele(c->cwd);
	spin_lock(&proc_lock);
	list_del(&c->sibling);
	c->state = PROC_FREE;
	spin_unlock(&proc_lock);
}

/* The parent of a vfork child waits until the child execs or exits. */
void proc_vfork_wait(struct proc *c)
{
	uint64_t flags = arch_irq_save();

	while (!__atomic_load_n(&c->vfork_done, __ATOMIC_ACQUIRE))
		thr_sleep(&c->vfork_done, 0);
	arch_irq_restore(flags);
}

/* A vfork child gives its borrowed space back (exec made it its own). */
void proc_vfork_release(struct proc *p)
{
	if (!p->vm_borrowed)
		return;
	p->vm_borrowed = 0;
	__atomic_store_n(&p->vfork_done, 1, __ATOMIC_RELEASE);
	thr_wakeup(&p->vfork_done);
}

void proc_switch_from(struct thr *t)
{
	if (t->proc)
		arch_fpu_save(t->fpu);
}

void proc_switch_to(struct thr *t)
{
	struct proc *p = t->proc;
	struct vm_space *vm;

	if (p == NULL)
		return; /* kernel threads run on whatever space is active */
	arch_fpu_restore(t->fpu);
	/* A thread in exec() fills the new space: it must find it active again
	 * after a switch (the others run on the old one meanwhile). */
	vm = p->exec_vm && p->exec_vm_thr == t ? p->exec_vm : p->vm;
	if (vm && vm != vm_current())
		vm_activate(vm);
	arch_set_tls(t->tls);
}

struct proc *proc_init_record(void)
{
	return &proc_table[0];
}
