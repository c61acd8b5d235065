/*
 * Kernel threads: creation (a record from the "thr" object cache, or a
 * small static pool before `mem` runs; a kernel stack from the stack area's
 * kva arena, with an unmapped guard page below and above it),
 * the first entry, exit, and reaping the dead: a thread cannot free the
 * stack it runs on, so the next switch frees it.
 *
 * Every thread from its creation to its reaping is on thr_all (under
 * thr_all_lock), for the thread report (thr_report.c).
 *
 * Lock order: thr_zombies_lock (the list of the dead and the spare records)
 * and thr_all_lock are leaves; stacks are freed after they are released.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <arch/mmu.h>
#include <arch/thread.h>
#include <arch/user.h>
#include <kern/kmod.h>
#include <kern/list.h>
#include <kern/lock.h>
#include <kern/mem.h>
#include <kern/page.h>
#include <kern/panic.h>
#include <core/role.h>
#include <kern/sched.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <kern/tmr.h>
#include <uapi/errno.h>

#include <core/kva.h>
#include <core/proc.h>
#include <core/thr_priv.h>

#define THR_POOL	16
#define THR_KSTACK_SIZE ((uint64_t)ARCH_KSTACK_PAGES * PAGE_SIZE)

static struct thr thr_pool[THR_POOL];
static struct mem_cache *thr_cache;
static struct spinlock thr_zombies_lock = SPINLOCK_INIT("thr_zombies");
static struct list_node thr_zombies = LIST_HEAD_INIT(thr_zombies);
/* Records of reaped threads, kept for reuse (under thr_zombies_lock):
 * reaping runs inside the context switch, where the (sleeping) mem lock may
 * not be taken, so a record never goes back to mem; there are as many
 * records as threads ever lived at once. */
static struct list_node thr_spare = LIST_HEAD_INIT(thr_spare);
static long thr_next_id = 1;
struct spinlock thr_all_lock = SPINLOCK_INIT("thr_all");
struct list_node thr_all = LIST_HEAD_INIT(thr_all);
static struct kva_arena thr_kstack_area =
    KVA_ARENA_INIT("kstack", KERN_STACK_BASE, KERN_STACK_END - KERN_STACK_BASE, PAGE_SIZE);

static uint64_t thr_frame(void)
{
	return page_alloc(0, 0);
}

static void thr_frame_free(uint64_t pa)
{
	page_free(pa, 0);
}

/* A kernel stack: its lowest address in *bottom. */
static int thr_kstack_alloc(uint64_t *bottom)
{
	if (kva_alloc(&thr_kstack_area, THR_KSTACK_SIZE, bottom) != 0)
		return -ENOMEM;
	if (kva_map(*bottom, ARCH_KSTACK_PAGES, thr_frame, thr_frame_free) != 0) {
		kva_free(&thr_kstack_area, *bottom, THR_KSTACK_SIZE);
		return -ENOMEM;
	}
	return 0;
}

static void thr_kstack_free(uint64_t bottom)
{
	kva_unmap(bottom, ARCH_KSTACK_PAGES, thr_frame_free);
	kva_free(&thr_kstack_area, bottom, THR_KSTACK_SIZE);
}

static struct thr *thr_record(void)
{
	struct thr *t;

	spin_lock(&thr_zombies_lock);
	t = list_empty(&thr_spare) ? NULL : list_entry(list_first(&thr_spare), struct thr, link);
	if (t)
		list_del(&t->link);
	spin_unlock(&thr_zombies_lock);
	if (t)
		return t;
	if (thr_cache == NULL && role_provider("mem"))
		thr_cache = mem_cache_create("thr", sizeof(struct thr), 16, NULL);
	if (thr_cache)
		return mem_cache_alloc(thr_cache);
	for (unsigned i = 0; i < THR_POOL; i++)
		if (thr_pool[i].state == THR_FREE && thr_pool[i].id == 0)
			return &thr_pool[i];
	return NULL;
}

static void thr_record_free(struct thr *t)
{
	if (t >= thr_pool && t < thr_pool + THR_POOL) {
		memset(t, 0, sizeof(*t));
		return;
	}
	spin_lock(&thr_zombies_lock);
	list_add_tail(&thr_spare, &t->link);
	spin_unlock(&thr_zombies_lock);
}

static void thr_start(void *arg)
{
	struct thr *t = arg;

	arch_irq_enable(); /* a new thread starts from sched_switch(), interrupts off */
	t->entry(t->arg);
	thr_exit();
}

struct thr *thr_alloc(const char *name, void (*entry)(void *), void *arg, long class, long nice)
{
	struct thr *t = thr_record();

	if (t == NULL)
		return NULL;
	memset(t, 0, sizeof(*t));
	if (thr_kstack_alloc(&t->kstk) != 0) {
		thr_record_free(t);
		return NULL;
	}
	t->kstk_size = THR_KSTACK_SIZE;
	t->id = thr_next_id++;
	t->class = class;
	t->nice = nice < THR_NICE_MIN ? THR_NICE_MIN : nice > THR_NICE_MAX ? THR_NICE_MAX : nice;
	t->entry = entry;
	t->arg = arg;
	memcpy(t->name, name, strnlen(name, sizeof(t->name) - 1));
	t->ksp = arch_thread_stack(t->kstk + t->kstk_size, thr_start, t);
	thr_track(t);
	return t;
}

void thr_track(struct thr *t)
{
	spin_lock(&thr_all_lock);
	list_add_tail(&thr_all, &t->all);
	spin_unlock(&thr_all_lock);
}

/*
 * A thread of a user process: its user-mode frame sits at the very top of
 * its kernel stack (where the CPU puts it on every entry from user mode),
 * and the thread starts in the kernel at @entry with that frame's address;
 * @entry ends in arch_user_return() (a forked child at once, the first
 * process after exec). It runs once thr_run() makes it ready.
 */
struct thr *thr_create_user(const char *name, struct proc *p, const struct trap_frame *tf,
			    void (*entry)(void *frame))
{
	size_t fsz = (arch_trap_frame_size() + 15) & ~(size_t)15;
	struct thr *t = thr_alloc(name, entry, NULL, THR_CLASS_USER, 0);

	if (t == NULL)
		return NULL;
	t->utf = (struct trap_frame *)(t->kstk + t->kstk_size - fsz);
	if (tf)
		memcpy(t->utf, tf, arch_trap_frame_size());
	else
		memset(t->utf, 0, fsz);
	t->arg = t->utf;
	t->proc = p;
	if (p->start_ns == 0)
		p->start_ns = tmr_now_ns() | 1;		  /* never 0: 0 means not started yet */
	if (tf && thr_current() && thr_current()->proc) { /* fork, THR_NEW: the caller's state */
		arch_fpu_save(thr_current()->fpu);
		memcpy(t->fpu, thr_current()->fpu, sizeof(t->fpu));
		t->nice = thr_current()->nice; /* nice is inherited (POSIX fork) */
	} else {
		arch_fpu_init(t->fpu);
	}
	t->ksp = arch_thread_stack((uint64_t)t->utf, thr_start, t);
	return t;
}

void thr_run(struct thr *t)
{
	uint64_t flags = arch_irq_save();

	sched_setup(t);
	sched_ready(t);
	arch_irq_restore(flags);
}

struct thr *thr_create(const char *name, void (*entry)(void *arg), void *arg, long class, long nice)
{
	struct thr *t;
	uint64_t flags;

	if (class < THR_CLASS_RT || class > THR_CLASS_IDLE)
		return NULL;
	t = thr_alloc(name, entry, arg, class, nice);
	if (t == NULL)
		return NULL;
	flags = arch_irq_save();
	sched_setup(t);
	sched_ready(t);
	arch_irq_restore(flags);
	return t;
}
KERN_EXPORT(thr_create);

void thr_exit(void)
{
	struct thr *t = thr_current();

	arch_irq_disable();
	/* A thread leaving a process that goes on (THR_EXIT) leaves its CPU time
	 * to the process, so that ps counts it; when the whole process ends
	 * (exiting set) nobody reads the total any more. */
	if (t->proc && !t->proc->exiting)
		__atomic_fetch_add(&t->proc->dead_cycles,
				   t->run_cycles + (arch_cycles() - t->stamp), __ATOMIC_RELAXED);
	t->state = THR_ZOMBIE;
	spin_lock(&thr_zombies_lock);
	list_add_tail(&thr_zombies, &t->link);
	spin_unlock(&thr_zombies_lock);
	sched_block();
	panic("thr_exit: a dead thread ran again");
}
KERN_EXPORT(thr_exit);

/* Runs in the context switch: the dead threads other than the running one
 * give back their stacks (page, a spinlock) and records (the spare list). */
void thr_reap(void)
{
	struct list_node dead, *pos, *tmp;

	/* Take the dead off the list under its lock; free them outside it. */
	list_init(&dead);
	spin_lock(&thr_zombies_lock);
	list_for_each_safe(pos, tmp, &thr_zombies)
	{
		if (list_entry(pos, struct thr, link) == thr_current())
			continue;
		list_del(pos);
		list_add_tail(&dead, pos);
	}
	spin_unlock(&thr_zombies_lock);
	list_for_each_safe(pos, tmp, &dead)
	{
		struct thr *t = list_entry(pos, struct thr, link);

		list_del(pos);
		spin_lock(&thr_all_lock);
		list_del(&t->all);
		spin_unlock(&thr_all_lock);
		thr_kstack_free(t->kstk);
		thr_record_free(t);
	}
}
