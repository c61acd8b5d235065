/*
 * lsmod [-v]: the kernel's modules and which one provides each role, from
 * sysctl(SYSCTL_MODULES) (uapi/modinfo.h). One line per module GRUB
 * loaded (live, refused and unchosen alike), then the core's built-in
 * providers of roles no module took (the Zero scheduler "zero" when no
 * module provides `sched`). The Used column is `*` for the provider that
 * runs its role now. -v adds each module's section sizes, its arguments
 * and, for a refused or unchosen one, the reason.
 *
 *   Module       Role     Used Version      Size State
 *   stride       sched    *    1.0         12288 live
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/zero.h>
#include <uapi/modinfo.h>
#include <uapi/sysctl.h>
#include <unistd.h>

#define LSMOD_MAX 64

static const char *lsmod_state(const struct modinfo *m)
{
	static const char *const names[] = {
		[MODINFO_REFUSED] = "refused",	 [MODINFO_LINKED] = "linked",
		[MODINFO_LIVE] = "live",	 [MODINFO_UNLOADED] = "unloaded",
		[MODINFO_UNCHOSEN] = "unchosen", [MODINFO_BUILTIN] = "builtin",
	};

	if (m->flags & MODINFO_NONE)
		return "none";
	return m->state <= MODINFO_BUILTIN ? names[m->state] : "?";
}

static void lsmod_line(const struct modinfo *m, int verbose)
{
	char size[24];

	if (m->flags & MODINFO_CORE)
		snprintf(size, sizeof(size), "-");
	else
		snprintf(size, sizeof(size), "%llu", (unsigned long long)m->size);
	printf("%-12s %-8s %-4s %-10s %7s %s\n", m->name[0] ? m->name : "(none)",
	       m->role[0] ? m->role : "-", m->flags & MODINFO_CHOSEN ? "*" : "",
	       m->version[0] ? m->version : "-", size, lsmod_state(m));
	if (!verbose)
		return;
	if (!(m->flags & MODINFO_CORE) && m->size)
		printf("    base %#llx text %llu rodata %llu data %llu bss %llu ops v%u%s\n",
		       (unsigned long long)m->base, (unsigned long long)m->text,
		       (unsigned long long)m->rodata, (unsigned long long)m->data,
		       (unsigned long long)m->bss, m->ops_version,
		       m->flags & MODINFO_PINNED ? " pinned" : "");
	else if (m->flags & MODINFO_CORE)
		printf("    built into the kernel, ops v%u%s\n", m->ops_version,
		       m->flags & MODINFO_NONE ? ", no provider: the core's null table" : "");
	if (m->args[0])
		printf("    args: %s\n", m->args);
	if (m->reason[0])
		printf("    reason: %s\n", m->reason);
}

int main(int argc, char **argv)
{
	static struct modinfo mods[LSMOD_MAX];
	int c, verbose = 0;
	long n;

	while ((c = getopt(argc, argv, "v")) != -1) {
		if (c != 'v') {
			fprintf(stderr, "usage: lsmod [-v]\n");
			return 1;
		}
		verbose = 1;
	}
	n = sysctl(SYSCTL_MODULES, LSMOD_MAX, mods);
	if (n < 0) {
		fprintf(stderr, "lsmod: sysctl: %s\n", strerror(errno));
		return 1;
	}
	printf("%-12s %-8s %-4s %-10s %7s %s\n", "Module", "Role", "Used", "Version", "Size",
	       "State");
	for (long i = 0; i < n && i < LSMOD_MAX; i++)
		lsmod_line(&mods[i], verbose);
	return 0;
}
