/*
 * tests/fuzz/fuzz_ldr.c - libFuzzer target for the module linker.
 *
 * Build: clang -g -O1 -fsanitize=fuzzer,address,undefined -Icore/include
 *        -Iloader/include loader/ldr_*.c tests/fuzz/fuzz_ldr.c -o fuzz_ldr
 * Run:   ./fuzz_ldr -max_total_time=60 tests/fuzz/corpus/ldr
 *
 * Each input is copied into a buffer of exactly its size, so any read past
 * the end is caught by ASan, then validated, linked against a fake
 * environment, and its metadata and exports read back before unloading.
 * Any linker result is fine; a crash, a leak or a silent failure is not.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <loader/ldr.h>

#define FUZZ_MOD_BASE	 0xffffffffc0000000ull
#define FUZZ_KERN_BASE	 0xffffffff80100000ull
#define FUZZ_MAX_SEGMENT (16u << 20) /* keep huge .bss sizes from exhausting memory */

struct fuzz_env {
	uint64_t next;
	int live;
};

static int fuzz_alloc(void *ctx, size_t size, unsigned prot, uint64_t *target, void **host)
{
	struct fuzz_env *fe = ctx;

	(void)prot;
	if (size == 0 || size % PAGE_SIZE)
		abort(); /* the linker broke its contract */
	if (size > FUZZ_MAX_SEGMENT)
		return -ENOMEM;
	*host = malloc(size);
	if (!*host)
		return -ENOMEM;
	*target = fe->next;
	fe->next += size;
	fe->live++;
	return 0;
}

static void fuzz_free(void *ctx, uint64_t target, void *host, size_t size)
{
	struct fuzz_env *fe = ctx;

	(void)target;
	(void)size;
	free(host);
	fe->live--;
}

/* Every non-empty name not starting with "undef" resolves, so relocation paths run. */
static int fuzz_resolve(void *ctx, const char *name, uint64_t *addr)
{
	size_t len = strlen(name);

	(void)ctx;
	if (len == 0 || strncmp(name, "undef", 5) == 0)
		return -ENOENT;
	*addr = FUZZ_KERN_BASE + (len % 256) * 16;
	return 0;
}

static int fuzz_export(void *arg, const char *name, uint64_t addr)
{
	size_t *total = arg;

	(void)addr;
	*total += strlen(name);
	return 0;
}

/* A refusal must always come with a one-line reason. */
static void fuzz_check_err(int rc, const struct ldr_err *err)
{
	if (rc && (rc > 0 || err->msg[0] == '\0' || strchr(err->msg, '\n')))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_env fe = { .next = FUZZ_MOD_BASE, .live = 0 };
	struct ldr_env env = {
		.alloc = fuzz_alloc, .free = fuzz_free, .resolve = fuzz_resolve, .ctx = &fe
	};
	unsigned char *buf = malloc(size ? size : 1);
	struct ldr_module mod;
	struct ldr_meta meta;
	struct ldr_err err;
	size_t total = 0;
	int rc;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	fuzz_check_err(ldr_validate(buf, size, &err), &err);
	rc = ldr_link(buf, size, &env, &mod, &err);
	fuzz_check_err(rc, &err);
	if (rc == 0) {
		fuzz_check_err(ldr_meta(&mod, &meta, &err), &err);
		fuzz_check_err(ldr_exports(&mod, fuzz_export, &total, &err), &err);
		ldr_unload(&env, &mod);
	}
	if (fe.live != 0)
		abort();
	free(buf);
	return 0;
}
