/*
 * Host tests of proc's text formats (modules/procfs/procfs_fmt.c and the
 * growing buffer of procfs_sbuf.c): maps lines in Linux's layout
 * (permissions, shared and guard regions, device numbers, the name
 * column, long names, a cut line), the status lines, the parsing of
 * numeric names, and a buffer that grows and one whose allocation fails.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <kern/prot.h>
#include <uapi/errno.h>

#include "procfs/procfs.h"

void *malloc(size_t n);
void free(void *p);

static int alloc_fails;

void *mem_alloc(size_t n)
{
	return alloc_fails ? NULL : malloc(n);
}

void mem_free(void *p)
{
	free(p);
}

static struct proc_map map(uint64_t start, uint64_t end, unsigned prot, unsigned flags,
			   const char *name)
{
	struct proc_map m;

	memset(&m, 0, sizeof(m));
	m.start = start;
	m.end = end;
	m.prot = prot;
	m.flags = flags;
	strcpy(m.name, name);
	return m;
}

static void maps_text_line(void **state)
{
	struct proc_map m = map(0x400000, 0x40c000, VM_READ | VM_EXEC, 0, "/bin/cat");
	char line[256];
	int n;

	(void)state;
	m.offset = 0x1000;
	m.dev = (8 << 8) | 1; /* 08:01 in Linux's encoding */
	m.ino = 1234;
	n = procfs_maps_line(&m, line, sizeof(line));
	assert_memory_equal(line, "00400000-0040c000 r-xp 00001000 08:01 1234 ", 43);
	assert_string_equal(line + 73, "/bin/cat\n");
	assert_int_equal(strspn(line + 42, " "), 73 - 42);
	assert_int_equal(n, (int)strlen(line));
	assert_int_equal(strchr(line, '/') - line, 73);
}

static void maps_kinds(void **state)
{
	struct proc_map anon = map(0x7f0000000000, 0x7f0000003000, VM_READ | VM_WRITE, 0, "[anon]");
	struct proc_map shm = map(0x1000, 0x2000, VM_READ | VM_WRITE, PROC_MAP_SHARED, "[shm:/x]");
	struct proc_map guard = map(0x1000, 0x2000, VM_READ, PROC_MAP_GUARD, "");
	struct proc_map big = map(0x1000, 0x2000, VM_READ, 0, "");
	char line[256];

	(void)state;
	procfs_maps_line(&anon, line, sizeof(line));
	assert_memory_equal(line, "7f0000000000-7f0000003000 rw-p 00000000 00:00 0 ", 48);
	assert_string_equal(line + 73, "[anon]\n");
	procfs_maps_line(&shm, line, sizeof(line));
	assert_non_null(strstr(line, " rw-s 00000000 00:00 0 "));
	assert_non_null(strstr(line, " [shm:/x]\n"));
	procfs_maps_line(&guard, line, sizeof(line));
	assert_string_equal(line, "00001000-00002000 ---p 00000000 00:00 0\n");
	big.dev = ((uint64_t)0x123 << 8) | 0x67; /* major 0x123, minor 0x67 */
	memset(big.name, 'a', PROC_MAP_NAME - 1);
	procfs_maps_line(&big, line, sizeof(line));
	assert_non_null(strstr(line, " 123:67 0 "));
	assert_int_equal(strlen(line), 73 + PROC_MAP_NAME - 1 + 1);
}

static void maps_cut_line(void **state)
{
	struct proc_map m = map(0x400000, 0x401000, VM_READ, 0, "/a/long/name");
	char line[20];
	int n;

	(void)state;
	n = procfs_maps_line(&m, line, sizeof(line));
	assert_int_equal(n, 73 + 12 + 1);
	assert_int_equal(strlen(line), sizeof(line) - 1);
	assert_memory_equal(line, "00400000-00401000 r", 19);
}

static void status_lines(void **state)
{
	struct proc_info pi = { .pid = 12,
				.ppid = 1,
				.pgid = 12,
				.sid = 1,
				.uid = 1000,
				.euid = 0,
				.gid = 100,
				.egid = 100,
				.state = 'S',
				.threads = 3,
				.umask = 022,
				.vsize = 8 << 20,
				.rss = 123 << 12 };
	struct procfs_sbuf b = { 0 };

	(void)state;
	strcpy(pi.name, "sh");
	procfs_status_text(&pi, &b);
	procfs_put(&b, "", 1);
	assert_non_null(strstr(b.p, "Name:\tsh\nUmask:\t0022\nState:\tS (sleeping)\n"));
	assert_non_null(strstr(b.p, "\nPid:\t12\nPPid:\t1\n"));
	assert_non_null(strstr(b.p, "\nUid:\t1000\t0\t0\t0\nGid:\t100\t100\t100\t100\n"));
	assert_non_null(strstr(b.p, "\nVmSize:\t    8192 kB\nVmRSS:\t     492 kB\n"));
	assert_non_null(strstr(b.p, "\nThreads:\t3\n"));
	procfs_sbuf_free(&b);
}

static void numbers(void **state)
{
	(void)state;
	assert_int_equal(procfs_number("12", 2, 99999), 12);
	assert_int_equal(procfs_number("0", 1, 255), 0);
	assert_int_equal(procfs_number("012", 3, 99999), -1);
	assert_int_equal(procfs_number("", 0, 99999), -1);
	assert_int_equal(procfs_number("1a", 2, 99999), -1);
	assert_int_equal(procfs_number("-1", 2, 99999), -1);
	assert_int_equal(procfs_number("256", 3, 255), -1);
	assert_int_equal(procfs_number("12345678901", 11, 99999), -1);
}

static void sbuf_grows_and_fails(void **state)
{
	static char big[1000], huge[1 << 16];
	struct procfs_sbuf b = { 0 };

	(void)state;
	memset(big, 'x', sizeof(big));
	for (int i = 0; i < 100; i++)
		procfs_printf(&b, "%d,", i);
	procfs_printf(&b, "%.*s", (int)sizeof(big), big); /* longer than the line buffer */
	assert_int_equal(b.err, 0);
	assert_memory_equal(b.p, "0,1,2,", 6);
	assert_int_equal(b.len, 290 + sizeof(big));
	assert_true(b.cap >= b.len);
	alloc_fails = 1;
	procfs_put(&b, huge, b.cap); /* needs more room: fails */
	assert_int_equal(b.err, -ENOMEM);
	assert_int_equal(b.len, 290 + sizeof(big));
	procfs_put(&b, "y", 1); /* ignored once failed */
	assert_int_equal(b.len, 290 + sizeof(big));
	alloc_fails = 0;
	procfs_sbuf_free(&b);
	assert_null(b.p);
	assert_int_equal(b.len, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(maps_text_line), cmocka_unit_test(maps_kinds),
		cmocka_unit_test(maps_cut_line),  cmocka_unit_test(status_lines),
		cmocka_unit_test(numbers),	  cmocka_unit_test(sbuf_grows_and_fails),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
