/*
 * The self-test runner: walks the .ktest section the linker script
 * gathers between __start_ktest and __stop_ktest.
 */
#include <stdbool.h>
#include <stddef.h>

#include <core/ktest.h>
#include <kern/printk.h>
#include <kern/string.h>

extern const struct ktest __start_ktest[], __stop_ktest[];

static bool ktest_selected(const char *spec, const char *name)
{
	size_t len = strlen(name);

	if (strcmp(spec, "all") == 0)
		return true;
	for (const char *p = spec; *p;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);

		if (n == len && strncmp(p, name, n) == 0)
			return true;
		p += n + (comma ? 1 : 0);
	}
	return false;
}

/* A name in the spec that matches no test is a failure, not a silent pass. */
static int ktest_unknown(const char *spec)
{
	int bad = 0;

	if (strcmp(spec, "all") == 0)
		return 0;
	for (const char *p = spec; *p;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		bool found = false;

		for (const struct ktest *t = __start_ktest; t < __stop_ktest; t++)
			if (strlen(t->name) == n && strncmp(t->name, p, n) == 0)
				found = true;
		if (!found && n > 0) {
			pr_err("ktest: no test named '%.*s'\n", (int)n, p);
			bad++;
		}
		p += n + (comma ? 1 : 0);
	}
	return bad;
}

int ktest_run(const char *spec)
{
	unsigned n = 0, failed = 0, skipped = 0, unknown = ktest_unknown(spec);
	int rc;

	for (const struct ktest *t = __start_ktest; t < __stop_ktest; t++) {
		if (!ktest_selected(spec, t->name))
			continue;
		n++;
		rc = t->fn();
		if (rc == 0) {
			printk("ktest: ok %u - %s\n", n, t->name);
		} else if (rc == KTEST_SKIPPED) {
			printk("ktest: ok %u - %s # SKIP\n", n, t->name);
			skipped++;
		} else {
			printk("ktest: not ok %u - %s\n", n, t->name);
			failed++;
		}
	}
	if (n == 0 && unknown == 0) {
		pr_err("ktest: 'ktest=%s' selects no test\n", spec);
		unknown = 1;
	}
	printk("ktest: %u passed, %u failed, %u skipped\n", n - failed - skipped, failed + unknown,
	       skipped);
	return failed + unknown;
}
