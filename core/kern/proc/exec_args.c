/*
 * exec's argument block: argv and envp copied into one kernel buffer (the
 * verify half: every user pointer through copyin/copyinstr, E2BIG past
 * EXEC_ARG_MAX bytes or EXEC_ARGS_MAX strings), #! scripts' interpreter
 * put in front, and the System V x86-64 initial stack built from it:
 *
 *   sp -> argc, argv[0..argc-1], NULL, envp[0..envc-1], NULL,
 *         auxv pairs (AT_PHDR ... AT_EXECFN), AT_NULL, then (higher) the
 *         strings, the program's file name and 16 random bytes (AT_RANDOM).
 *
 * sp is 16-byte aligned, as the ABI wants at the entry point.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>
#include <arch/user.h>
#include <core/exec.h>
#include <core/proc.h>
#include <kern/mem.h>
#include <kern/string.h>
#include <kern/uaccess.h>
#include <uapi/auxv.h>
#include <uapi/errno.h>

#define EXEC_NAUX 13

int exec_args_init(struct exec_args *a)
{
	*a = (struct exec_args){ .buf = mem_alloc(EXEC_ARG_MAX) };
	return a->buf ? 0 : -ENOMEM;
}

void exec_args_free(struct exec_args *a)
{
	mem_free(a->buf);
	a->buf = NULL;
}

static int exec_args_room(const struct exec_args *a, size_t more)
{
	size_t ptrs = 8 * ((size_t)a->argc + a->envc + 3);

	return a->used + more + ptrs <= EXEC_ARG_MAX && a->argc + a->envc < EXEC_ARGS_MAX;
}

int exec_args_add(struct exec_args *a, const char *s, int env)
{
	size_t n = strlen(s) + 1;

	if (!exec_args_room(a, n))
		return -E2BIG;
	memcpy(a->buf + a->used, s, n);
	a->used += n;
	if (env)
		a->envc++;
	else
		a->argc++;
	return 0;
}

/* Copy a user vector of strings (NULL ends it; a NULL vector is empty). */
int exec_args_copyin(struct exec_args *a, uint64_t uvec, int env)
{
	for (uint64_t i = 0; uvec; i++) {
		uint64_t p;
		long n;

		if (copyin(&p, uvec + 8 * i, 8) != 0)
			return -EFAULT;
		if (p == 0)
			return 0;
		if (!exec_args_room(a, 1))
			return -E2BIG;
		n = copyinstr(a->buf + a->used, p, EXEC_ARG_MAX - a->used);
		if (n == -ENAMETOOLONG || (n >= 0 && !exec_args_room(a, (size_t)n + 1)))
			return -E2BIG;
		if (n < 0)
			return (int)n;
		a->used += (size_t)n + 1;
		if (env)
			a->envc++;
		else
			a->argc++;
	}
	return 0;
}

/* For #!: argv becomes interp [arg] path argv[1...]. */
int exec_args_script(struct exec_args *a, const char *interp, const char *arg, const char *path)
{
	struct exec_args b;
	size_t skip = a->argc ? strlen(a->buf) + 1 : 0;
	int rc = exec_args_init(&b);

	if (rc)
		return rc;
	rc = exec_args_add(&b, interp, 0);
	if (rc == 0 && arg[0])
		rc = exec_args_add(&b, arg, 0);
	if (rc == 0)
		rc = exec_args_add(&b, path, 0);
	if (rc == 0 && !exec_args_room(&b, a->used - skip))
		rc = -E2BIG;
	if (rc == 0) {
		memcpy(b.buf + b.used, a->buf + skip, a->used - skip);
		b.used += a->used - skip;
		b.argc += a->argc ? a->argc - 1 : 0;
		b.envc = a->envc;
		exec_args_free(a);
		*a = b;
		return 0;
	}
	exec_args_free(&b);
	return rc;
}

static void exec_aux(uint64_t *v, unsigned *k, uint64_t type, uint64_t val)
{
	v[(*k)++] = type;
	v[(*k)++] = val;
}

/* The pointer area: argc, argv, envp, auxv (strings already at @str). */
static unsigned exec_vector(uint64_t *v, const struct exec_args *a, uint64_t str,
			    const struct exec_image *img, const struct proc *p, uint64_t rnd,
			    uint64_t fn)
{
	unsigned k = 0;
	size_t off = 0;

	v[k++] = a->argc;
	for (unsigned i = 0; i < a->argc + a->envc; i++) {
		if (i == a->argc)
			v[k++] = 0;
		v[k++] = str + off;
		off += strlen(a->buf + off) + 1;
	}
	if (a->envc == 0)
		v[k++] = 0;
	v[k++] = 0;
	exec_aux(v, &k, AT_PHDR, img->phdr);
	exec_aux(v, &k, AT_PHENT, 56);
	exec_aux(v, &k, AT_PHNUM, img->phnum);
	exec_aux(v, &k, AT_PAGESZ, PAGE_SIZE);
	exec_aux(v, &k, AT_ENTRY, img->entry);
	exec_aux(v, &k, AT_UID, p->cred.uid);
	exec_aux(v, &k, AT_EUID, p->cred.euid);
	exec_aux(v, &k, AT_GID, p->cred.gid);
	exec_aux(v, &k, AT_EGID, p->cred.egid);
	exec_aux(v, &k, AT_SECURE, 0);
	exec_aux(v, &k, AT_RANDOM, rnd);
	exec_aux(v, &k, AT_EXECFN, fn);
	exec_aux(v, &k, AT_NULL, 0);
	return k;
}

int exec_stack_build(const struct exec_args *a, const char *path, const struct exec_image *img,
		     const struct proc *p, uint64_t top, uint64_t *sp_out)
{
	unsigned nptr = 1 + a->argc + 1 + a->envc + 1 + 2 * EXEC_NAUX + 1;
	uint64_t *v = mem_alloc(nptr * 8);
	uint64_t sp = top, rnd, fn, str;
	uint8_t random[16];
	unsigned k;
	int rc;

	if (v == NULL)
		return -ENOMEM;
	arch_random(random, sizeof(random));
	sp -= sizeof(random);
	rnd = sp;
	sp -= strlen(path) + 1;
	fn = sp;
	sp -= a->used;
	str = sp;
	k = exec_vector(v, a, str, img, p, rnd, fn);
	sp = (sp - k * 8) & ~15ULL;
	rc = copyout(rnd, random, sizeof(random));
	if (rc == 0)
		rc = copyout(fn, path, strlen(path) + 1);
	if (rc == 0)
		rc = copyout(str, a->buf, a->used);
	if (rc == 0)
		rc = copyout(sp, v, k * 8);
	mem_free(v);
	*sp_out = sp;
	return rc;
}
