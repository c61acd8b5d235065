/*
 * The line formats of proc's files, as Linux writes them (proc(5)):
 * maps lines "start-end perms offset major:minor inode      name", the
 * status "Key:\tvalue" lines, and the parsing of numeric names.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/fmt.h>
#include <kern/prot.h>
#include <kern/string.h>

#include "procfs.h"

#define PROCFS_MAPS_NAMECOL 73 /* where Linux starts the name (64-bit) */

int procfs_maps_line(const struct proc_map *m, char *buf, size_t len)
{
	unsigned major = (unsigned)(((m->dev >> 8) & 0xfff) | ((m->dev >> 32) & ~0xfffULL));
	unsigned minor = (unsigned)((m->dev & 0xff) | ((m->dev >> 12) & ~0xffULL));
	int guard = (m->flags & PROC_MAP_GUARD) != 0;
	int n = fmt_snprintf(
	    buf, len, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu", (unsigned long)m->start,
	    (unsigned long)m->end, !guard && (m->prot & VM_READ) ? 'r' : '-',
	    !guard && (m->prot & VM_WRITE) ? 'w' : '-', !guard && (m->prot & VM_EXEC) ? 'x' : '-',
	    (m->flags & PROC_MAP_SHARED) ? 's' : 'p', (unsigned long)m->offset, major, minor,
	    (unsigned long)m->ino);

	if (m->name[0]) {
		int pad = n < PROCFS_MAPS_NAMECOL ? PROCFS_MAPS_NAMECOL - n : 1;

		n += fmt_snprintf((size_t)n < len ? buf + n : NULL, (size_t)n < len ? len - n : 0,
				  "%*s%s", pad, "", m->name);
	}
	n += fmt_snprintf((size_t)n < len ? buf + n : NULL, (size_t)n < len ? len - n : 0, "\n");
	return n;
}

static const char *procfs_state_name(char s)
{
	switch (s) {
	case 'R':
		return "R (running)";
	case 'T':
		return "T (stopped)";
	case 'Z':
		return "Z (zombie)";
	default:
		return "S (sleeping)";
	}
}

void procfs_status_text(const struct proc_info *pi, struct procfs_sbuf *b)
{
	procfs_printf(b, "Name:\t%s\n", pi->name);
	procfs_printf(b, "Umask:\t%04o\n", pi->umask);
	procfs_printf(b, "State:\t%s\n", procfs_state_name(pi->state));
	procfs_printf(b, "Tgid:\t%ld\n", pi->pid);
	procfs_printf(b, "Pid:\t%ld\n", pi->pid);
	procfs_printf(b, "PPid:\t%ld\n", pi->ppid);
	procfs_printf(b, "Pgid:\t%ld\n", pi->pgid);
	procfs_printf(b, "Sid:\t%ld\n", pi->sid);
	procfs_printf(b, "Uid:\t%u\t%u\t%u\t%u\n", pi->uid, pi->euid, pi->euid, pi->euid);
	procfs_printf(b, "Gid:\t%u\t%u\t%u\t%u\n", pi->gid, pi->egid, pi->egid, pi->egid);
	procfs_printf(b, "VmSize:\t%8lu kB\n", (unsigned long)(pi->vsize / 1024));
	procfs_printf(b, "VmRSS:\t%8lu kB\n", (unsigned long)(pi->rss / 1024));
	procfs_printf(b, "Threads:\t%u\n", pi->threads);
	procfs_printf(b, "SigPnd:\t%016lx\n", (unsigned long)pi->sig_pending);
}

long procfs_number(const char *s, size_t len, long max)
{
	long v = 0;

	if (len == 0 || len > 10 || (s[0] == '0' && len > 1))
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v <= max ? v : -1;
}
