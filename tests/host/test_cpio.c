/*
 * Host tests of the cpio "newc" parser and of the root it makes: a good
 * archive written by the host's GNU cpio (tests/host/mkcpio.sh, its path
 * in argv[1]) unpacks into the files, modes, owners, times and links it
 * holds; each class of malformed archive is refused with -EINVAL and one
 * log line naming the entry and the reason, keeping what came before.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <kern/file.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#include "cpio_builder.h"
#include "io/cpio.h"
#include "io/dev.h"
#include "io/vfs.h"
#include "io_fixture.h"
#include "io_util.h"

static const char *good_path;
static uint8_t good[1 << 20];
static size_t good_len;

static int teardown(void **state)
{
	(void)state;
	io_teardown_root();
	return 0;
}

static void test_parse_good(void **state)
{
	struct cpio_iter it;
	struct cpio_entry e;
	const char *why;
	int n = 0, r, saw_big = 0;

	(void)state;
	cpio_start(&it, good, good_len);
	while ((r = cpio_next(&it, &e, &why)) == 1) {
		n++;
		if (strcmp(e.name, "./big") == 0 || strcmp(e.name, "big") == 0) {
			saw_big = 1;
			assert_int_equal(e.size, 20000);
			assert_int_equal(e.data[26], 'A');
		}
	}
	assert_int_equal(r, 0);
	assert_true(n >= 13);
	assert_true(saw_big);
	cpio_start(&it, good, 0);
	assert_int_equal(cpio_next(&it, &e, &why), 0); /* empty: the end at once */
}

static void test_check_path(void **state)
{
	const char *rel, *why;
	static char longname[300];

	(void)state;
	assert_int_equal(cpio_check_path("./a/b", 5, &rel, &why), 0);
	assert_string_equal(rel, "a/b");
	assert_int_equal(cpio_check_path("/x//y/", 6, &rel, &why), 0);
	assert_string_equal(rel, "x//y/");
	assert_int_equal(cpio_check_path(".", 1, &rel, &why), 0);
	assert_string_equal(rel, "");
	assert_int_equal(cpio_check_path(".hidden", 7, &rel, &why), 0);
	assert_int_equal(cpio_check_path("a/../b", 6, &rel, &why), -1);
	assert_string_equal(why, "'..' in the path");
	assert_int_equal(cpio_check_path("./..", 4, &rel, &why), -1);
	memset(longname, 'a', 256);
	assert_int_equal(cpio_check_path(longname, 256, &rel, &why), -1);
}

static void expect_file(const char *path, const char *data, unsigned mode, uint32_t uid)
{
	char buf[64];
	struct stat st;

	assert_int_equal(vfs_stat(NULL, path, AT_SYMLINK_NOFOLLOW, &cred_root, &st), 0);
	assert_int_equal(st.st_mode, mode);
	assert_int_equal(st.st_uid, uid);
	if (data) {
		assert_int_equal(io_get(path, buf, sizeof(buf), &cred_root), (long)strlen(data));
		assert_string_equal(buf, data);
	}
}

static void test_mount_good(void **state)
{
	static char big[20001];
	struct stat st, st2;

	(void)state;
	assert_int_equal(io_setup_root(good, good_len), 0);
	expect_file("/etc/motd", "hello from cpio\n", S_IFREG | 0640, 0);
	expect_file("/bin/sh", "#!/bin/sh\necho hi\n", S_IFREG | 0755, 0);
	expect_file("/empty", "", S_IFREG | 0644, 0);
	expect_file("/home/user/note", "mine\n", S_IFREG | 0644, 1000);
	expect_file("/home/user", NULL, S_IFDIR | 0700, 1000);
	expect_file("/motd-link", NULL, S_IFLNK | 0777, 0);
	expect_file("/motd-link", "hello from cpio\n", S_IFLNK | 0777, 0);
	assert_int_equal(vfs_stat(NULL, "/etc/motd", 0, &cred_root, &st), 0);
	assert_int_equal(st.st_mtim.tv_sec, 1700000000);
	assert_int_equal(io_get("/big", big, sizeof(big), &cred_root), 20000);
	assert_int_equal(big[19999], 'A' + 19999 % 26);
	assert_int_equal(vfs_stat(NULL, "/hard1", 0, &cred_root, &st), 0);
	assert_int_equal(vfs_stat(NULL, "/hard2", 0, &cred_root, &st2), 0);
	assert_int_equal(st.st_ino, st2.st_ino);
	assert_int_equal(st.st_nlink, 2);
	expect_file("/hard1", "linked\n", S_IFREG | 0644, 0);
	if (vfs_stat(NULL, "/etc/ttyS0", 0, &cred_root, &st) == 0) {
		assert_true(S_ISCHR(st.st_mode));
		assert_int_equal(st.st_rdev, DEV_MAKE(4, 64));
	}
	assert_int_equal(vfs_stat(NULL, "/dev/null", 0, &cred_root, &st), 0);
	assert_int_equal(st.st_rdev, DEV_MAKE(1, 3));
	assert_int_equal(vfs_mount_root(good, good_len), -EBUSY);
	assert_non_null(strstr(io_fixture_log, "io: root: ramfs with "));
}

static void test_mount_empty(void **state)
{
	struct stat st;

	(void)state;
	assert_int_equal(io_setup_root(NULL, 0), 0);
	assert_int_equal(vfs_stat(NULL, "/dev/console", 0, &cred_root, &st), 0);
	assert_int_equal(st.st_rdev, DEV_MAKE(CONS_MAJOR, CONS_MINOR));
	assert_int_equal(vfs_stat(NULL, "/dev/kmsg", 0, &cred_root, &st), 0);
}

/* A good "keep" file, then the bad thing @p b was given; -EINVAL, the log line, keep stays. */
static void expect_refused(struct cpio_builder *b, const char *entry, const char *why)
{
	char line[256];
	struct stat st;

	assert_int_equal(io_setup_root(b->buf, b->len), -EINVAL);
	snprintf(line, sizeof(line), "io: initramfs: entry %s: %s\n", entry, why);
	if (strstr(io_fixture_log, line) == NULL)
		fail_msg("log lacks '%s'; it has:\n%s", line, io_fixture_log);
	assert_int_equal(vfs_stat(NULL, "/keep", 0, &cred_root, &st), 0);
	assert_int_equal(vfs_stat(NULL, "/dev/null", 0, &cred_root, &st), 0);
}

static struct cpio_builder B;

static size_t start(void)
{
	memset(&B, 0, sizeof(B));
	return cpio_add(&B, "keep", S_IFREG | 0644, "k", 1);
}

static void test_bad_header(void **state)
{
	size_t at;

	(void)state;
	start();
	at = cpio_add(&B, "x", S_IFREG | 0644, "x", 1);
	B.buf[at + 5] = '9';
	cpio_trailer(&B);
	expect_refused(&B, "at offset 120", "bad magic");
	teardown(state);
	start();
	at = cpio_add(&B, "x", S_IFREG | 0644, "x", 1);
	B.buf[at + 6 + 8 * CPIOB_UID + 3] = 'g';
	cpio_trailer(&B);
	expect_refused(&B, "at offset 120", "header field not hexadecimal");
	teardown(state);
	start();
	cpio_add(&B, "x", S_IFREG | 0644, "x", 1);
	B.len = 170; /* into the header of "x" */
	expect_refused(&B, "at offset 120", "truncated header (no TRAILER!!!)");
	teardown(state);
	start();
	expect_refused(&B, "at offset 120", "truncated header (no TRAILER!!!)");
}

static void test_bad_name(void **state)
{
	size_t at;

	(void)state;
	start();
	at = cpio_add(&B, "abc", S_IFREG | 0644, NULL, 0);
	cpio_set_field(&B, at, CPIOB_NAMESIZE, 0);
	expect_refused(&B, "at offset 120", "absurd name size");
	teardown(state);
	start();
	at = cpio_add(&B, "abc", S_IFREG | 0644, NULL, 0);
	cpio_set_field(&B, at, CPIOB_NAMESIZE, 0x10000);
	expect_refused(&B, "at offset 120", "absurd name size");
	teardown(state);
	start();
	at = cpio_add(&B, "abc", S_IFREG | 0644, NULL, 0);
	cpio_set_field(&B, at, CPIOB_NAMESIZE, 3000);
	expect_refused(&B, "at offset 120", "name runs past the end of the archive");
	teardown(state);
	start();
	at = cpio_add(&B, "abc", S_IFREG | 0644, NULL, 0);
	cpio_set_field(&B, at, CPIOB_NAMESIZE, 3); /* the NUL falls outside */
	expect_refused(&B, "at offset 120", "name without NUL");
	teardown(state);
	start();
	at = cpio_add(&B, "abc", S_IFREG | 0644, NULL, 0);
	B.buf[at + 110 + 1] = '\0';
	expect_refused(&B, "at offset 120", "NUL inside the name");
}

static void test_bad_data(void **state)
{
	size_t at;

	(void)state;
	start();
	at = cpio_add(&B, "x", S_IFREG | 0644, "1234", 4);
	cpio_set_field(&B, at, CPIOB_FILESIZE, 0xffffffffu);
	expect_refused(&B, "at offset 120", "data runs past the end of the archive");
	teardown(state);
	start();
	cpio_add(&B, "d", S_IFDIR | 0755, "1234", 4);
	cpio_trailer(&B);
	expect_refused(&B, "at offset 120", "data on a directory or special file");
	teardown(state);
	start();
	cpio_add(&B, "s", 0140755, NULL, 0);
	cpio_trailer(&B);
	expect_refused(&B, "at offset 120", "unknown file type");
	teardown(state);
	start();
	cpio_add(&B, "l", S_IFLNK | 0777, NULL, 0);
	cpio_trailer(&B);
	expect_refused(&B, "at offset 120", "absurd symbolic link size");
	teardown(state);
	start();
	cpio_add(&B, "l", S_IFLNK | 0777, "a\0b", 3);
	cpio_trailer(&B);
	expect_refused(&B, "at offset 120", "NUL inside a symbolic link target");
}

static void test_bad_paths(void **state)
{
	struct stat st;

	(void)state;
	start();
	cpio_add(&B, "../escape", S_IFREG | 0644, "e", 1);
	cpio_trailer(&B);
	expect_refused(&B, "'../escape'", "'..' in the path");
	teardown(state);
	start();
	cpio_add(&B, "f", S_IFREG | 0644, "f", 1);
	cpio_add(&B, "f/g", S_IFREG | 0644, "g", 1);
	cpio_trailer(&B);
	expect_refused(&B, "'f/g'", "a path through a non-directory");
	assert_int_equal(vfs_stat(NULL, "/f", 0, &cred_root, &st), 0);
	teardown(state);
	start();
	cpio_add(&B, "lnk", S_IFLNK | 0777, "/tmp", 4);
	cpio_add(&B, "lnk/g", S_IFREG | 0644, "g", 1); /* no following a link */
	cpio_trailer(&B);
	expect_refused(&B, "'lnk/g'", "a path through a non-directory");
	teardown(state);
	start();
	cpio_add(&B, "no/such", S_IFREG | 0644, "g", 1);
	cpio_trailer(&B);
	expect_refused(&B, "'no/such'", "its directory is missing");
	teardown(state);
	start();
	cpio_add(&B, "d", S_IFDIR | 0755, NULL, 0);
	cpio_add(&B, "d", S_IFREG | 0644, "g", 1);
	cpio_trailer(&B);
	expect_refused(&B, "'d'", "a directory is in the way");
}

static void test_good_built(void **state)
{
	struct stat st;

	(void)state;
	start();
	cpio_add(&B, ".", S_IFDIR | 0711, NULL, 0);
	cpio_add(&B, "./dev", S_IFDIR | 0755, NULL, 0);
	cpio_add(&B, "/dev/console", S_IFCHR | 0620, NULL, 0);
	cpio_add(&B, "p", S_IFIFO | 0600, NULL, 0);
	cpio_trailer(&B);
	B.len += 512; /* padding after the trailer is ignored */
	assert_int_equal(io_setup_root(B.buf, B.len), 0);
	assert_int_equal(vfs_stat(NULL, "/", 0, &cred_root, &st), 0);
	assert_int_equal(st.st_mode, S_IFDIR | 0711);
	assert_int_equal(vfs_stat(NULL, "/p", 0, &cred_root, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	assert_int_equal(vfs_stat(NULL, "/dev/console", 0, &cred_root, &st), 0);
	assert_int_equal(st.st_mode, S_IFCHR | 0620); /* the archive's own node stays */
	assert_int_equal(vfs_stat(NULL, "/dev/zero", 0, &cred_root, &st), 0);
}

static void load_good(void)
{
	FILE *f = fopen(good_path, "rb");

	if (f == NULL) {
		fprintf(stderr, "test_cpio: cannot open %s\n", good_path);
		return;
	}
	good_len = fread(good, 1, sizeof(good), f);
	fclose(f);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_good),
		cmocka_unit_test(test_check_path),
		cmocka_unit_test_teardown(test_mount_good, teardown),
		cmocka_unit_test_teardown(test_mount_empty, teardown),
		cmocka_unit_test_teardown(test_bad_header, teardown),
		cmocka_unit_test_teardown(test_bad_name, teardown),
		cmocka_unit_test_teardown(test_bad_data, teardown),
		cmocka_unit_test_teardown(test_bad_paths, teardown),
		cmocka_unit_test_teardown(test_good_built, teardown),
	};

	good_path = argc > 1 ? argv[1] : "build/tests/cpio/good.cpio";
	load_good();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
