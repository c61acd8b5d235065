/*
 * Self-tests of pipes, run with ktest= in a boot that loaded the ipc
 * module: through the core's ipc wrapper and fo_read()/fo_write() with
 * kernel uios, the way the system calls reach them. Data comes back in
 * order, EOF follows the last writer, EPIPE the last reader, O_NONBLOCK
 * gives EAGAIN; kernel threads block on a full or empty pipe and are
 * woken; many writers' PIPE_BUF records never interleave; descriptor
 * tables keep an end open until their last descriptor closes.
 */
#include <stddef.h>
#include <stdint.h>

#include <core/fdtab.h>
#include <core/ktest.h>
#include <core/role.h>
#include <kern/file.h>
#include <kern/ipc.h>
#include <kern/mem.h>
#include <kern/printk.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

static long ipkt_io(struct file *f, void *buf, size_t n, int write)
{
	struct uio u = { .base = (uint64_t)(uintptr_t)buf, .resid = n, .user = 0 };

	return write ? fo_write(f, &u, 0) : fo_read(f, &u, 0);
}

KTEST(pipe_write_read_eof)
{
	struct file *rd, *wr;
	struct stat st;
	char buf[32];

	KTEST_REQUIRE(role_module("ipc"));
	KTEST_CHECK(ipc_pipe(&rd, &wr, 0) == 0);
	KTEST_CHECK(ipkt_io(wr, "ping pong", 9, 1) == 9);
	KTEST_CHECK(ipkt_io(rd, buf, 4, 0) == 4 && memcmp(buf, "ping", 4) == 0);
	KTEST_CHECK(fo_stat(rd, &st) == 0 && S_ISFIFO(st.st_mode));
	KTEST_CHECK(ipkt_io(rd, buf, 4, 1) == -EBADF);
	file_unref(wr);
	KTEST_CHECK(ipkt_io(rd, buf, sizeof(buf), 0) == 5 && memcmp(buf, " pong", 5) == 0);
	KTEST_CHECK(ipkt_io(rd, buf, sizeof(buf), 0) == 0);
	file_unref(rd);
	return 0;
}

KTEST(pipe_epipe_and_nonblocking)
{
	struct file *rd, *wr;
	char *big = mem_zalloc(2 * PIPE_BUF);
	long n, total = 0;

	KTEST_REQUIRE(role_module("ipc"));
	KTEST_CHECK(big != NULL);
	KTEST_CHECK(ipc_pipe(&rd, &wr, O_NONBLOCK) == 0);
	KTEST_CHECK((rd->flags & O_NONBLOCK) && (wr->flags & O_NONBLOCK));
	KTEST_CHECK(ipkt_io(rd, big, 1, 0) == -EAGAIN);
	while ((n = ipkt_io(wr, big, 2 * PIPE_BUF, 1)) > 0)
		total += n;
	KTEST_CHECK(n == -EAGAIN && total >= PIPE_BUF);
	KTEST_CHECK(ipkt_io(rd, big, 10, 0) == 10);
	KTEST_CHECK(ipkt_io(wr, big, 11, 1) == -EAGAIN); /* atomic: 10 free, 11 asked */
	KTEST_CHECK(ipkt_io(wr, big, 10, 1) == 10);
	file_unref(rd);
	KTEST_CHECK(ipkt_io(wr, big, 1, 1) == -EPIPE);
	file_unref(wr);
	mem_free(big);
	KTEST_CHECK(ipc_pipe(&rd, &wr, O_CLOEXEC) == -EINVAL);
	return 0;
}

/* Writers of PIPE_BUF records (id, sequence, filler) and one reader. */
#define IPKT_WRITERS 4
#define IPKT_RECORDS 48

static struct file *ipkt_wr;
static volatile int ipkt_writer_errors;

static void ipkt_writer(void *arg)
{
	unsigned id = (unsigned)(uintptr_t)arg;
	uint8_t *rec = mem_alloc(PIPE_BUF);
	struct file *wr = ipkt_wr;

	for (unsigned seq = 0; rec && seq < IPKT_RECORDS; seq++) {
		memset(rec, (int)(id * 16 + seq % 16), PIPE_BUF);
		rec[0] = (uint8_t)id;
		rec[1] = (uint8_t)seq;
		if (ipkt_io(wr, rec, PIPE_BUF, 1) != PIPE_BUF)
			ipkt_writer_errors++;
	}
	if (rec == NULL)
		ipkt_writer_errors++;
	mem_free(rec);
	file_unref(wr); /* the last writer's close is the reader's EOF */
}

/* One record: uniform filler (no other writer's bytes inside), in sequence. */
static int ipkt_check(const uint8_t *rec, unsigned *next)
{
	unsigned id = rec[0], seq = rec[1];

	if (id >= IPKT_WRITERS || seq != next[id]++)
		return -1;
	for (size_t i = 2; i < PIPE_BUF; i++)
		if (rec[i] != (uint8_t)(id * 16 + seq % 16))
			return -1;
	return 0;
}

KTEST(pipe_threads_atomic_records)
{
	unsigned next[IPKT_WRITERS] = { 0 }, records = 0;
	uint8_t *rec = mem_alloc(PIPE_BUF);
	struct file *rd;
	long n;

	KTEST_REQUIRE(role_module("ipc"));
	KTEST_CHECK(rec != NULL);
	KTEST_CHECK(ipc_pipe(&rd, &ipkt_wr, 0) == 0);
	ipkt_writer_errors = 0;
	for (uintptr_t i = 0; i < IPKT_WRITERS; i++) {
		file_ref(ipkt_wr);
		KTEST_CHECK(thr_create("pipew", ipkt_writer, (void *)i, THR_CLASS_USER, 0));
	}
	file_unref(ipkt_wr);
	/* Reads of PIPE_BUF bytes see whole records: writes are whole and atomic. */
	while ((n = ipkt_io(rd, rec, PIPE_BUF, 0)) == PIPE_BUF) {
		KTEST_CHECK(ipkt_check(rec, next) == 0);
		records++;
	}
	KTEST_CHECK(n == 0);
	KTEST_CHECK(records == IPKT_WRITERS * IPKT_RECORDS);
	KTEST_CHECK(ipkt_writer_errors == 0);
	printk("ktest: %u records of %u bytes from %u writers, none interleaved\n", records,
	       PIPE_BUF, IPKT_WRITERS);
	file_unref(rd);
	mem_free(rec);
	return 0;
}

/* Descriptors: an end stays open until its last descriptor, in any table, closes. */
KTEST(fdtab_pipe_ends)
{
	struct fdtab *t = fdtab_create(), *c;
	struct file *ends[2], *f;
	int fds[2];
	char b;

	KTEST_REQUIRE(role_module("ipc"));
	KTEST_CHECK(t != NULL);
	KTEST_CHECK(ipc_pipe(&ends[0], &ends[1], O_NONBLOCK) == 0);
	KTEST_CHECK(fdtab_install(t, ends, 2, 0, 0, fds) == 0 && fds[0] == 0 && fds[1] == 1);
	KTEST_CHECK(fdtab_dup2(t, 1, 5, FD_CLOEXEC) == 5);
	c = fdtab_fork(t);
	KTEST_CHECK(c != NULL);
	KTEST_CHECK(fdtab_close(t, 1) == 0 && fdtab_close(t, 5) == 0);
	fdtab_exec(c); /* closes the child's 5, keeps its 1 */
	KTEST_CHECK(fdtab_get(t, 0, &f) == 0);
	KTEST_CHECK(ipkt_io(f, &b, 1, 0) == -EAGAIN); /* the child's 1 still writes */
	fdtab_destroy(c);
	KTEST_CHECK(ipkt_io(f, &b, 1, 0) == 0); /* now no writer is left */
	file_unref(f);
	fdtab_destroy(t);
	return 0;
}
