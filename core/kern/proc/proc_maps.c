/*
 * proc_maps() (kern/procinfo.h): the regions of a process's space, named.
 *
 * Under the process's info lock (its space cannot go) the regions are
 * copied into a kernel array: from the vm provider's walker when it has
 * one (kern/vm_walk.h), else by probing with vm_describe(). The probe
 * starts at the addresses exec laid out (each segment, below the stack
 * and its guard, the break, the mapping base, VM_USER_MIN) and goes up
 * page by page: a region found moves it to the region's end, and it gives
 * up after PROC_PROBE_GAP empty pages in a row. So it finds every region
 * that lies within that gap of a known one (mappings placed from the
 * mapping base up, the heap, the stack) but may miss one mapped far from
 * all of them at a fixed address. The lock is dropped before the regions
 * are named (the program's path for its segments, "[heap]", "[stack]",
 * "[anon]") and handed to the caller.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>
#include <core/exec.h>
#include <core/proc.h>
#include <core/proc_image.h>
#include <kern/ipc.h>
#include <kern/kmod.h>
#include <kern/mem.h>
#include <kern/procinfo.h>
#include <kern/string.h>
#include <kern/vm.h>
#include <kern/vm_walk.h>
#include <uapi/errno.h>

#define PROC_MAPS_MAX  256  /* regions reported */
#define PROC_PROBE_GAP 256  /* empty pages the probe crosses */
#define PROC_PROBE_MAX 8192 /* describe calls per walk */
#define PROC_ANCHORS   (EXEC_MAX_SEGS + 5)
#define PROC_PG(x)     ((x) & ~(uint64_t)(PAGE_SIZE - 1))

struct proc_maps_ctx {
	struct proc_map *m;
	unsigned n;
};

static int proc_maps_add(void *arg, const struct vm_region_desc *d)
{
	struct proc_maps_ctx *c = arg;
	struct proc_map *m;

	if (c->n >= PROC_MAPS_MAX)
		return 1;
	m = &c->m[c->n++];
	memset(m, 0, sizeof(*m));
	m->start = d->start;
	m->end = d->end;
	m->prot = d->prot;
	m->flags = (d->flags & VM_DESC_SHARED ? PROC_MAP_SHARED : 0) |
		   (d->flags & VM_DESC_GUARD ? PROC_MAP_GUARD : 0);
	m->offset = d->offset;
	m->dev = d->dev;
	m->ino = d->ino;
	m->object = d->object;
	memcpy(m->name, d->name, strnlen(d->name, sizeof(m->name) - 1));
	return 0;
}

static const char *proc_hex(const char *s, uint64_t *v)
{
	*v = 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	for (;; s++) {
		unsigned d;

		if (*s >= '0' && *s <= '9')
			d = (unsigned)(*s - '0');
		else if (*s >= 'a' && *s <= 'f')
			d = (unsigned)(*s - 'a' + 10);
		else
			return s;
		*v = *v * 16 + d;
	}
}

static int proc_has(const char *s, const char *word)
{
	size_t n = strlen(word);

	for (; *s; s++)
		if (strncmp(s, word, n) == 0)
			return 1;
	return 0;
}

/* vm_describe()'s line: "[0x400000-0x402000) r-x private anon[ guard]". */
static int proc_parse_desc(const char *s, struct vm_region_desc *d)
{
	memset(d, 0, sizeof(*d));
	if (*s++ != '[')
		return -EINVAL;
	s = proc_hex(s, &d->start);
	if (*s++ != '-')
		return -EINVAL;
	s = proc_hex(s, &d->end);
	if (s[0] != ')' || s[1] != ' ' || strlen(s) < 5 || d->end <= d->start)
		return -EINVAL;
	d->prot = (s[2] == 'r' ? VM_READ : 0) | (s[3] == 'w' ? VM_WRITE : 0) |
		  (s[4] == 'x' ? VM_EXEC : 0);
	if (proc_has(s, " shared"))
		d->flags |= VM_DESC_SHARED;
	if (proc_has(s, " guard"))
		d->flags |= VM_DESC_GUARD;
	return 0;
}

/* One anchor: from @p a up, region after region, until a gap too wide. */
static void proc_probe_from(struct vm_space *s, uint64_t a, uint64_t *cursor, unsigned *budget,
			    struct proc_maps_ctx *c)
{
	uint64_t addr = PROC_PG(a > *cursor ? a : *cursor);
	unsigned gap = 0;
	char line[96];

	while (gap<PROC_PROBE_GAP && * budget> 0 && addr < VM_USER_MAX && addr >= VM_USER_MIN) {
		struct vm_region_desc d;

		(*budget)--;
		if (vm_describe(s, addr, line, sizeof(line)) == 0 &&
		    proc_parse_desc(line, &d) == 0 && d.end > addr) {
			if (d.start >= *cursor && proc_maps_add(c, &d))
				return;
			addr = *cursor = d.end;
			gap = 0;
			continue;
		}
		addr += PAGE_SIZE;
		gap++;
	}
}

static void proc_probe(struct vm_space *s, const struct proc_image *im, uint64_t brk_base,
		       uint64_t map_base, struct proc_maps_ctx *c)
{
	uint64_t a[PROC_ANCHORS], cursor = 0;
	unsigned n = 0, budget = PROC_PROBE_MAX;

	a[n++] = VM_USER_MIN;
	for (unsigned i = 0; im && i < im->nseg; i++)
		a[n++] = im->seg[i].start;
	if (im && im->stack > EXEC_STACK_SIZE + 2 * PAGE_SIZE)
		a[n++] = PROC_PG(im->stack) - EXEC_STACK_SIZE - 2 * PAGE_SIZE;
	a[n++] = brk_base;
	a[n++] = map_base;
	for (unsigned i = 1; i < n; i++) /* insertion sort, ascending */
		for (unsigned j = i; j > 0 && a[j - 1] > a[j]; j--) {
			uint64_t t = a[j];

			a[j] = a[j - 1];
			a[j - 1] = t;
		}
	for (unsigned i = 0; i < n && c->n < PROC_MAPS_MAX; i++)
		proc_probe_from(s, a[i], &cursor, &budget, c);
}

/* Split a region that holds both the end of the data and the heap's start. */
static void proc_maps_split(struct proc_maps_ctx *c, uint64_t at)
{
	for (unsigned i = 0; i < c->n; i++) {
		struct proc_map *m = &c->m[i];

		if (m->start < at && at < m->end && c->n < PROC_MAPS_MAX) {
			memmove(m + 1, m, (c->n - i) * sizeof(*m));
			c->n++;
			m->end = at;
			m[1].start = at;
			return;
		}
	}
}

static void proc_maps_name(struct proc_map *m, const struct proc_image *im, uint64_t brk_base,
			   uint64_t brk)
{
	const char *name = "[anon]";

	if (m->name[0])
		return;
	if (m->flags & PROC_MAP_GUARD)
		return;
	if (m->object && ipc_obj_name(m->object, m->name, sizeof(m->name)) > 0)
		return; /* a shm object or segment of the ipc provider */
	m->name[0] = '\0';
	for (unsigned i = 0; im && i < im->nseg; i++)
		if (m->start >= im->seg[i].start && m->start < im->seg[i].end) {
			m->offset = im->seg[i].off + (m->start - im->seg[i].start);
			m->dev = im->dev;
			m->ino = im->ino;
			memcpy(m->name, im->path, strnlen(im->path, sizeof(m->name) - 1));
			return;
		}
	if (im && im->stack >= m->start && im->stack < m->end)
		name = "[stack]";
	else if (m->start >= brk_base && m->start < (brk > brk_base ? brk : brk_base + 1))
		name = "[heap]";
	memcpy(m->name, name, strlen(name) + 1);
}

int proc_maps(long pid, proc_map_fn *fn, void *arg)
{
	struct proc_maps_ctx c = { .m = mem_alloc(PROC_MAPS_MAX * sizeof(struct proc_map)) };
	struct proc_image *im;
	uint64_t brk_base, brk;
	struct proc *p;
	int rc = 0;

	if (c.m == NULL)
		return -ENOMEM;
	p = proc_info_hold(pid);
	if (p == NULL) {
		mem_free(c.m);
		return -ESRCH;
	}
	im = proc_image_ref(p->image);
	brk_base = p->brk_base;
	brk = __atomic_load_n(&p->brk, __ATOMIC_RELAXED);
	if (p->vm && vm_walk(p->vm, proc_maps_add, &c) == -ENOSYS)
		proc_probe(p->vm, im, brk_base, p->map_base, &c);
	proc_info_unlock(p);
	if (brk_base)
		proc_maps_split(&c, brk_base);
	for (unsigned i = 0; i < c.n && rc == 0; i++) {
		proc_maps_name(&c.m[i], im, brk_base, brk);
		rc = fn(arg, &c.m[i]);
	}
	proc_image_put(im);
	mem_free(c.m);
	return rc;
}
KERN_EXPORT(proc_maps);
