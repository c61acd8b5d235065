/*
 * tests/fuzz/fuzz_boot.c - libFuzzer target for the boot-input parsers:
 * the multiboot2 decoder (core/kern/init/mb2.c), the command line
 * (core/kern/init/cmdline.c) and module arguments (core/kern/mod/kmod_arg.c).
 *
 * Each input is used three ways, each copy of exactly its size so ASan sees
 * any read past the end: as a multiboot2 information block (whose command
 * line and module lines then go through the next two steps), as a kernel
 * command line, and as a module2 line. Properties checked besides memory
 * safety: every word of a parsed line lies NUL-terminated inside its buffer;
 * numbers read with bounds are within them; the argument string init gets
 * stays inside its buffer, and kmod_arg() finds each word written there with
 * the value it was given (when that needed no escapes).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <core/cmdline.h>
#include <core/kmod_args.h>
#include <core/mb2.h>
#include <kern/kmod.h>

#define FUZZ_ARGS_MAX 256 /* the kernel's MODULE_ARGS_MAX */

static struct cmdline fuzz_cl;

static void fuzz_check_words(const struct cmdline *cl)
{
	const char *lo = cl->buf, *hi = cl->buf + sizeof(cl->buf);

	if (cl->nwords > CMDLINE_MAX_WORDS)
		abort();
	for (unsigned i = 0; i < cl->nwords; i++) {
		const char *k = cl->words[i].key, *v = cl->words[i].val;

		if (k < lo || k >= hi || !memchr(k, '\0', (size_t)(hi - k)))
			abort();
		if (v < lo || v >= hi || !memchr(v, '\0', (size_t)(hi - v)))
			abort();
		if (strchr(k, '='))
			abort(); /* the first '=' always splits */
	}
}

static bool fuzz_first_key(const struct cmdline *cl, unsigned i)
{
	for (unsigned j = 1; j < i; j++)
		if (strcmp(cl->words[j].key, cl->words[i].key) == 0)
			return false;
	return true;
}

/* A module2 line: the name, then arguments written for init, then read back. */
static void fuzz_module_line(const char *line)
{
	char args[FUZZ_ARGS_MAX];
	bool kept[CMDLINE_MAX_WORDS] = { false };
	size_t len = 0;
	uint64_t v;

	(void)cmdline_parse(&fuzz_cl, line);
	fuzz_check_words(&fuzz_cl);
	args[0] = '\0';
	for (unsigned i = 1; i < fuzz_cl.nwords; i++) {
		const struct cmdline_word *w = &fuzz_cl.words[i];
		bool bare = w->val == w->key + strlen(w->key);

		kept[i] = kmod_args_append(args, sizeof(args), &len, w->key, w->val, bare) == 0;
		if (len >= sizeof(args) || strlen(args) != len)
			abort();
	}
	for (unsigned i = 1; i < fuzz_cl.nwords; i++) {
		const struct cmdline_word *w = &fuzz_cl.words[i];
		const char *val;
		size_t n;

		if (!kept[i] || !fuzz_first_key(&fuzz_cl, i) || strpbrk(w->val, "\"\\"))
			continue;
		if (!kmod_arg(args, w->key, &val, &n) || n != strlen(w->val) ||
		    memcmp(val, w->val, n) != 0)
			abort();
		if (kmod_arg_u64(args, w->key, 10, 10000, &v) == 0 && (v < 10 || v > 10000))
			abort();
	}
}

static void fuzz_cmdline(const char *line)
{
	uint64_t v;

	(void)cmdline_parse(&fuzz_cl, line);
	fuzz_check_words(&fuzz_cl);
	for (unsigned i = 0; i < fuzz_cl.nwords; i++) {
		if (cmdline_get_range(&fuzz_cl, fuzz_cl.words[i].key, 0, 7, &v) == 0 && v > 7)
			abort();
		(void)cmdline_get_u64(&fuzz_cl, fuzz_cl.words[i].key, &v);
	}
	/* Raw strings, not in the canonical form, must be safe to search too. */
	(void)kmod_arg(line, "hz", NULL, NULL);
	(void)kmod_arg_u64(line, "hz", 10, 10000, &v);
}

static void fuzz_mb2(const uint8_t *data, size_t size)
{
	static struct mb2_info info;
	uint64_t *mbi = malloc(size ? size : 1); /* 8-byte aligned, as GRUB's block */
	char err[128];

	if (!mbi)
		return;
	memcpy(mbi, data, size);
	(void)mb2_parse(mbi, size, &info, err, sizeof(err));
	if (!memchr(err, '\0', sizeof(err)) || info.nmods > MB2_MAX_MODS ||
	    info.nmmap > MB2_MAX_MMAP)
		abort();
	if (info.cmdline)
		fuzz_cmdline(info.cmdline);
	for (unsigned i = 0; i < info.nmods; i++)
		fuzz_module_line(info.mods[i].cmdline);
	free(mbi);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = malloc(size + 1);

	if (!line)
		return 0;
	fuzz_mb2(data, size);
	memcpy(line, data, size);
	line[size] = '\0';
	fuzz_cmdline(line);
	fuzz_module_line(line);
	free(line);
	return 0;
}
