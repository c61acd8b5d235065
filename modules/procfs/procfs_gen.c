/*
 * The text of each proc file, generated from the core's accessors
 * (kern/procinfo.h) and the io role's mount table. Called under the
 * node's vnode lock when a read starts at offset 0.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>
#include <kern/buf.h>
#include <kern/io.h>
#include <kern/mem.h>
#include <kern/procinfo.h>
#include <kern/string.h>
#include <kern/uptime.h>
#include <uapi/errno.h>
#include <uapi/statfs.h>

#include "procfs.h"

#define PROCFS_MODS_MAX	  64
#define PROCFS_MOUNTS_MAX 32

static int procfs_gen_status(long pid, struct procfs_sbuf *b)
{
	struct proc_info pi;
	int rc = proc_info_get(pid, &pi);

	if (rc == 0)
		procfs_status_text(&pi, b);
	return rc;
}

static int procfs_gen_cmdline(long pid, struct procfs_sbuf *b)
{
	char *buf = mem_alloc(PAGE_SIZE);
	long n;

	if (buf == NULL)
		return -ENOMEM;
	n = proc_cmdline(pid, buf, PAGE_SIZE);
	if (n > 0)
		procfs_put(b, buf, (size_t)n);
	mem_free(buf);
	return n < 0 ? (int)n : 0;
}

static int procfs_map_cb(void *arg, const struct proc_map *m)
{
	char line[PROC_MAP_NAME + 128];
	int n = procfs_maps_line(m, line, sizeof(line));

	procfs_put(arg, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
	return 0;
}

static void procfs_kb(struct procfs_sbuf *b, const char *key, uint64_t kib)
{
	procfs_printf(b, "%-15s %8lu kB\n", key, (unsigned long)kib);
}

static int procfs_gen_meminfo(struct procfs_sbuf *b)
{
	struct meminfo *mi = mem_alloc(sizeof(*mi));
	struct buf_stats bs = { 0 };
	uint64_t total, fr, bufs;

	if (mi == NULL)
		return -ENOMEM;
	proc_meminfo(mi);
	buf_stats(&bs);
	total = mi->zones[0].total_kib + mi->zones[1].total_kib;
	fr = mi->zones[0].free_kib + mi->zones[1].free_kib;
	bufs = bs.nbuf * (PAGE_SIZE / 1024);
	procfs_kb(b, "MemTotal:", total);
	procfs_kb(b, "MemFree:", fr);
	procfs_kb(b, "MemAvailable:", fr + mi->reclaimable_kib);
	procfs_kb(b, "Buffers:", bufs);
	procfs_kb(b, "Cached:", mi->reclaimable_kib > bufs ? mi->reclaimable_kib - bufs : 0);
	procfs_kb(b, "SwapCached:", 0);
	procfs_kb(b, "SwapTotal:", 0);
	procfs_kb(b, "SwapFree:", 0);
	procfs_kb(b, "Slab:", mi->heap_held / 1024);
	procfs_kb(b, "KernelReserved:", mi->boot_reserved_kib);
	procfs_kb(b, "Modules:", mi->modules_kib);
	mem_free(mi);
	return 0;
}

static const char *procfs_mod_state(uint32_t s)
{
	return s == MODINFO_LIVE ? "Live" : s == MODINFO_LINKED ? "Loading" : NULL;
}

static int procfs_gen_modules(struct procfs_sbuf *b)
{
	struct modinfo *m = mem_alloc(PROCFS_MODS_MAX * sizeof(*m));
	long n;

	if (m == NULL)
		return -ENOMEM;
	n = proc_modules(m, PROCFS_MODS_MAX);
	for (long i = 0; i < n && i < PROCFS_MODS_MAX; i++) {
		const char *st = procfs_mod_state(m[i].state);

		if (st && m[i].name[0])
			procfs_printf(b, "%s %lu 0 %s %s 0x%016lx\n", m[i].name,
				      (unsigned long)m[i].size, m[i].role[0] ? m[i].role : "-", st,
				      (unsigned long)m[i].base);
	}
	mem_free(m);
	return n < 0 ? (int)n : 0;
}

static int procfs_gen_mounts(struct procfs_sbuf *b)
{
	struct mntinfo *mi = mem_alloc(PROCFS_MOUNTS_MAX * sizeof(*mi));
	long n;

	if (mi == NULL)
		return -ENOMEM;
	n = io_mounts(mi, PROCFS_MOUNTS_MAX);
	for (long i = 0; i < n && i < PROCFS_MOUNTS_MAX; i++)
		procfs_printf(b, "%s %s %s %s 0 0\n", mi[i].source, mi[i].target, mi[i].fstype,
			      (mi[i].flags & MS_RDONLY) ? "ro" : "rw");
	mem_free(mi);
	return n < 0 ? (int)n : 0;
}

int procfs_generate(const struct procfs_node *n, struct procfs_sbuf *b)
{
	uint64_t ms;
	int rc = 0;

	switch (n->kind) {
	case PROCFS_STATUS:
		rc = procfs_gen_status(n->pid, b);
		break;
	case PROCFS_CMDLINE:
		rc = procfs_gen_cmdline(n->pid, b);
		break;
	case PROCFS_MAPS:
		rc = proc_maps(n->pid, procfs_map_cb, b);
		break;
	case PROCFS_MEMINFO:
		rc = procfs_gen_meminfo(b);
		break;
	case PROCFS_MODULES:
		rc = procfs_gen_modules(b);
		break;
	case PROCFS_MOUNTS:
		rc = procfs_gen_mounts(b);
		break;
	case PROCFS_UPTIME:
		ms = kern_uptime_ms();
		procfs_printf(b, "%lu.%02lu 0.00\n", (unsigned long)(ms / 1000),
			      (unsigned long)(ms % 1000 / 10));
		break;
	default:
		return -EISDIR;
	}
	return rc ? rc : b->err;
}
