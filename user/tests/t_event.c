/*
 * In-guest tests of Zero events (doc/events.md): each file-system event
 * on a watched directory, a watched file's writes (merged while unread),
 * attribute changes and removal, rename cookie pairs across directories,
 * messages between processes (fork) with their permission, the overflow
 * at both limits (exactly EV_QUEUE_MAX events, or what fits in
 * EV_QUEUE_BYTES, then one EV_OVERFLOW), the errors (EFAULT, EBADF,
 * EINVAL, ENOENT, ESRCH, EPERM), descriptors shared by dup and fork, close
 * dropping watches and freeing the queue (no memory lost over many), a
 * blocking read woken by an event and ended by a signal (EINTR), and
 * O_NONBLOCK's EAGAIN.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/zero.h>
#include <sys/zevent.h>
#include <uapi/meminfo.h>
#include <uapi/sysctl.h>
#include <unistd.h>

#include "ztest.h"

#define BAD_PTR ((void *)8)
#define TE_DIR	"/tmp/evt"
#define TE_MAX	(EV_QUEUE_MAX + 8)

/* The records of the last te_drain(), in order. */
static char te_buf[EV_QUEUE_BYTES + 4096] __attribute__((aligned(8)));
static const struct zevent *te_ev[TE_MAX];
static int te_n;

/* Read a non-blocking queue until EAGAIN; the number of records. */
static int te_drain(int q)
{
	static char chunk[EV_QUEUE_BYTES + 4096] __attribute__((aligned(8)));
	size_t used = 0;
	ssize_t n;

	te_n = 0;
	while ((n = read(q, chunk, sizeof(chunk))) > 0) {
		for (ssize_t off = 0; off < n && te_n < TE_MAX;) {
			const struct zevent *ev = (const struct zevent *)(chunk + off);
			size_t rec = EV_RECLEN(ev);

			if (used + rec > sizeof(te_buf))
				return -1;
			memcpy(te_buf + used, ev, rec);
			te_ev[te_n++] = (const struct zevent *)(te_buf + used);
			used += rec;
			off += (ssize_t)rec;
		}
	}
	return n < 0 && errno == EAGAIN ? te_n : -1;
}

static const char *te_name(int i)
{
	return te_ev[i]->len ? (const char *)(te_ev[i] + 1) : "";
}

/* Check record i: type, watch, name. */
static void te_is(int i, unsigned type, int wd, const char *name)
{
	if (!T_CHECK(i < te_n))
		return;
	T_EQ(te_ev[i]->type, type);
	T_EQ(te_ev[i]->wd, wd);
	T_STREQ(te_name(i), name);
}

static int te_wait(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void te_touch(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT, 0644);

	if (fd >= 0)
		close(fd);
}

static void te_write(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_APPEND);

	if (fd >= 0) {
		write(fd, s, strlen(s));
		close(fd);
	}
}

static struct ev_limits te_start;

static struct ev_limits te_limits(void)
{
	struct ev_limits lim;

	memset(&lim, 0xff, sizeof(lim));
	T_EQ(sysctl(SYSCTL_EVENT, 0, &lim), 0);
	return lim;
}

static void start(void)
{
	te_start = te_limits();
	T_EQ(te_start.queue_max, EV_QUEUE_MAX);
	T_EQ(te_start.queue_bytes, EV_QUEUE_BYTES);
	T_EQ(te_start.msg_max, EV_MSG_MAX);
	T_EQ(te_start.watch_max, EV_WATCH_MAX);
	T_ERRNO(sysctl(SYSCTL_EVENT, 0, BAD_PTR), EFAULT);
	mkdir(TE_DIR, 0755);
	T_CHECK(access(TE_DIR, F_OK) == 0);
}

/* create, write, mkdir, link, rename, remove, rmdir, symlink on a directory. */
static void dir_events(void)
{
	int q = evopen(EV_NONBLOCK), wd;

	T_CHECK(q >= 0);
	wd = evwatch(q, TE_DIR, EV_FS_ALL);
	T_CHECK(wd > 0);
	T_EQ(evwatch(q, TE_DIR "/", EV_FS_ALL), wd); /* the same directory: the same watch */
	te_touch(TE_DIR "/f");
	te_write(TE_DIR "/f", "abc");
	mkdir(TE_DIR "/sub", 0755);
	T_EQ(link(TE_DIR "/f", TE_DIR "/g"), 0);
	T_EQ(rename(TE_DIR "/g", TE_DIR "/h"), 0);
	T_EQ(unlink(TE_DIR "/h"), 0);
	T_EQ(rmdir(TE_DIR "/sub"), 0);
	T_EQ(symlink("f", TE_DIR "/s"), 0);
	T_EQ(unlink(TE_DIR "/s"), 0);
	T_EQ(te_drain(q), 10);
	te_is(0, EV_CREATE, wd, "f");
	T_EQ(te_ev[0]->flags, 0);
	T_EQ(te_ev[0]->pid, getpid());
	te_is(1, EV_WRITE, wd, "f");
	te_is(2, EV_CREATE, wd, "sub");
	T_EQ(te_ev[2]->flags, EVF_ISDIR);
	te_is(3, EV_CREATE, wd, "g");
	te_is(4, EV_RENAME_FROM, wd, "g");
	te_is(5, EV_RENAME_TO, wd, "h");
	T_CHECK(te_ev[4]->cookie != 0 && te_ev[4]->cookie == te_ev[5]->cookie);
	te_is(6, EV_REMOVE, wd, "h");
	te_is(7, EV_REMOVE, wd, "sub");
	T_EQ(te_ev[7]->flags, EVF_ISDIR);
	te_is(8, EV_CREATE, wd, "s");
	te_is(9, EV_REMOVE, wd, "s");
	/* A narrower mask: only removals now. */
	T_EQ(evwatch(q, TE_DIR, EV_REMOVE), wd);
	te_touch(TE_DIR "/x");
	unlink(TE_DIR "/x");
	T_EQ(te_drain(q), 1);
	te_is(0, EV_REMOVE, wd, "x");
	unlink(TE_DIR "/f");
	close(q);
}

/* A watched file: writes (merged while unread), attributes, its last name going. */
static void file_events(void)
{
	int q = evopen(EV_NONBLOCK), wd, fd;

	te_touch(TE_DIR "/w");
	wd = evwatch(q, TE_DIR "/w", EV_WRITE | EV_ATTRIB | EV_REMOVE);
	T_CHECK(wd > 0);
	fd = open("/tmp/evt/w", O_WRONLY);
	T_EQ(write(fd, "1", 1), 1);
	T_EQ(write(fd, "2", 1), 1);
	T_EQ(te_drain(q), 1); /* two writes, one event while unread */
	te_is(0, EV_WRITE, wd, "");
	T_EQ(write(fd, "3", 1), 1);
	T_EQ(te_drain(q), 1);
	te_is(0, EV_WRITE, wd, "");
	T_EQ(write(fd, "", 0), 0); /* nothing written, nothing told */
	T_EQ(te_drain(q), 0);
	close(fd);
	T_EQ(chmod(TE_DIR "/w", 0600), 0);
	T_EQ(truncate(TE_DIR "/w", 0), 0);
	T_EQ(link(TE_DIR "/w", TE_DIR "/w2"), 0);
	T_EQ(unlink(TE_DIR "/w"), 0); /* a name left: not removed yet */
	T_EQ(te_drain(q), 2);
	te_is(0, EV_ATTRIB, wd, "");
	te_is(1, EV_ATTRIB, wd, "");
	T_EQ(unlink(TE_DIR "/w2"), 0);
	T_EQ(te_drain(q), 1);
	te_is(0, EV_REMOVE, wd, "");
	/* evunwatch: nothing more from it. */
	te_touch(TE_DIR "/w");
	wd = evwatch(q, TE_DIR "/w", EV_WRITE);
	T_EQ(evunwatch(q, wd), 0);
	T_ERRNO(evunwatch(q, wd), EINVAL);
	te_write(TE_DIR "/w", "x");
	T_EQ(te_drain(q), 0);
	unlink(TE_DIR "/w");
	close(q);
}

/* A rename between two watched directories: one pair, one cookie each time. */
static void rename_pairs(void)
{
	int q = evopen(EV_NONBLOCK), a, b;
	unsigned c1;

	mkdir(TE_DIR "/a", 0755);
	mkdir(TE_DIR "/b", 0755);
	a = evwatch(q, TE_DIR "/a", EV_RENAME);
	b = evwatch(q, TE_DIR "/b", EV_RENAME);
	T_CHECK(a > 0 && b > 0 && a != b);
	te_touch(TE_DIR "/a/x");
	T_EQ(rename(TE_DIR "/a/x", TE_DIR "/b/y"), 0);
	T_EQ(rename(TE_DIR "/b/y", TE_DIR "/a/z"), 0);
	T_EQ(rename(TE_DIR "/a/z", TE_DIR "/a/z"), 0); /* itself: nothing */
	T_EQ(te_drain(q), 4);
	te_is(0, EV_RENAME_FROM, a, "x");
	te_is(1, EV_RENAME_TO, b, "y");
	te_is(2, EV_RENAME_FROM, b, "y");
	te_is(3, EV_RENAME_TO, a, "z");
	c1 = te_ev[0]->cookie;
	T_CHECK(c1 != 0 && te_ev[1]->cookie == c1);
	T_CHECK(te_ev[2]->cookie != c1 && te_ev[2]->cookie == te_ev[3]->cookie);
	/* Out of sight: only the half in a watched directory. */
	T_EQ(rename(TE_DIR "/a/z", TE_DIR "/out"), 0);
	T_EQ(te_drain(q), 1);
	te_is(0, EV_RENAME_FROM, a, "z");
	unlink(TE_DIR "/out");
	rmdir(TE_DIR "/a");
	rmdir(TE_DIR "/b");
	close(q);
}

/* A child sends to its parent; the parent (root) to a child of another uid. */
static void messages(void)
{
	int q = evopen(0), ready[2];
	static char buf[4096] __attribute__((aligned(8)));
	struct zevent *ev = (struct zevent *)buf;
	pid_t pid;

	T_EQ(evwatch(q, NULL, EV_MSG), 0);
	pid = fork();
	if (pid == 0)
		_exit(evsend(getppid(), 7, "hello", 5) == 0 ? 0 : 1);
	T_EQ(te_wait(pid), 0);
	T_EQ(read(q, buf, sizeof(buf)), 40); /* 32 + 5, padded to 8 */
	T_EQ(ev->type, EV_MSG);
	T_EQ(ev->pid, pid);
	T_EQ(ev->cookie, 7);
	T_EQ(ev->len, 5);
	T_CHECK(memcmp(ev + 1, "hello", 5) == 0);
	T_ERRNO(evsend(getpid(), 0, "x", EV_MSG_MAX + 1), EINVAL);
	T_EQ(pipe(ready), 0);
	pid = fork();
	if (pid == 0) { /* another user: may not send to root's queue; gets root's */
		int cq = evopen(0), ok;

		close(ready[0]);
		ok = setuid(1000) == 0 && evwatch(cq, NULL, EV_MSG) == 0;
		ok = ok && evsend(getppid(), 1, "no", 2) == -1 && errno == EPERM;
		write(ready[1], "r", 1);
		ok = ok && read(cq, buf, sizeof(buf)) > 0 && ev->type == EV_MSG && ev->len == 3 &&
		     memcmp(ev + 1, "hi!", 3) == 0 && ev->uid == 0;
		_exit(ok ? 0 : 1);
	}
	close(ready[1]);
	T_EQ(read(ready[0], buf, 1), 1);
	T_EQ(evsend(pid, 2, "hi!", 3), 0);
	T_EQ(te_wait(pid), 0);
	close(ready[0]);
	close(q);
	T_ERRNO(evsend(getpid(), 0, "x", 1), ESRCH); /* no queue takes them now */
	T_ERRNO(evsend(99999, 0, "x", 1), ESRCH);
}

/* Send small messages to oneself: exactly EV_QUEUE_MAX, then one overflow. */
static void overflow_count(void)
{
	int q = evopen(EV_NONBLOCK), msgs = 0;
	struct ev_limits lim = te_limits();

	T_EQ(evwatch(q, NULL, EV_MSG), 0);
	for (int i = 0; i < EV_QUEUE_MAX + 40; i++)
		T_EQ(evsend(getpid(), (unsigned)i, "m", 1), 0);
	T_EQ(te_drain(q), EV_QUEUE_MAX + 1);
	for (int i = 0; i < te_n - 1; i++)
		if (te_ev[i]->type == EV_MSG && te_ev[i]->cookie == (unsigned)i)
			msgs++;
	T_EQ(msgs, EV_QUEUE_MAX);
	T_EQ(te_ev[te_n - 1]->type, EV_OVERFLOW);
	T_EQ(te_ev[te_n - 1]->len, 0);
	T_EQ(te_limits().dropped - lim.dropped, 40);
	T_EQ(te_limits().posted - lim.posted, EV_QUEUE_MAX);
	T_EQ(te_limits().queues, te_start.queues + 1);
	/* Read: the queue takes events again. */
	T_EQ(evsend(getpid(), 1, "m", 1), 0);
	T_EQ(te_drain(q), 1);
	T_EQ(te_ev[0]->type, EV_MSG);
	close(q);
}

/* Large messages: what fits in EV_QUEUE_BYTES, then one overflow. */
static void overflow_bytes(void)
{
	static char big[EV_MSG_MAX];
	int q = evopen(EV_NONBLOCK),
	    fit = EV_QUEUE_BYTES / (int)(sizeof(struct zevent) + EV_MSG_MAX);

	memset(big, 'b', sizeof(big));
	T_EQ(evwatch(q, NULL, EV_MSG), 0);
	for (int i = 0; i < fit + 5; i++)
		T_EQ(evsend(getpid(), 0, big, sizeof(big)), 0);
	T_EQ(te_drain(q), fit + 1);
	T_EQ(te_ev[fit - 1]->len, EV_MSG_MAX);
	T_EQ(te_ev[fit]->type, EV_OVERFLOW);
	close(q);
}

static void errors(void)
{
	static char buf[4096] __attribute__((aligned(8)));
	int q = evopen(EV_NONBLOCK), fd = open("/tmp", O_RDONLY);

	T_ERRNO(evopen(0x1), EINVAL);
	T_ERRNO(evwatch(-1, TE_DIR, EV_CREATE), EBADF);
	T_ERRNO(evwatch(77, TE_DIR, EV_CREATE), EBADF);
	T_ERRNO(evwatch(fd, TE_DIR, EV_CREATE), EINVAL); /* not a queue */
	T_ERRNO(evwatch(q, BAD_PTR, EV_CREATE), EFAULT);
	T_ERRNO(evwatch(q, "/no/such/dir", EV_CREATE), ENOENT);
	T_ERRNO(evwatch(q, "", EV_CREATE), ENOENT);
	T_ERRNO(evwatch(q, TE_DIR, 0), EINVAL);
	T_ERRNO(evwatch(q, TE_DIR, EV_MSG), EINVAL);
	T_ERRNO(evwatch(q, TE_DIR, 0x40000), EINVAL);
	T_ERRNO(evwatch(q, NULL, EV_CREATE), EINVAL);
	T_ERRNO(evunwatch(-1, 1), EBADF);
	T_ERRNO(evunwatch(fd, 1), EINVAL);
	T_ERRNO(evsend(0, 0, "x", 1), EINVAL);
	T_EQ(evwatch(q, NULL, EV_MSG), 0);
	T_ERRNO(evsend(getpid(), 0, BAD_PTR, 5), EFAULT);
	T_EQ(evsend(getpid(), 0, "abc", 3), 0);
	T_ERRNO(read(q, BAD_PTR, 4096), EFAULT);
	T_ERRNO(read(q, buf, 8), EINVAL);    /* smaller than the record */
	T_EQ(read(q, buf, sizeof(buf)), 40); /* still there */
	T_ERRNO(write(q, "x", 1), EBADF);    /* a queue is open for reading only */
	T_ERRNO(lseek(q, 0, SEEK_SET), ESPIPE);
	close(fd);
	/* Watching needs read permission on what is watched. */
	mkdir(TE_DIR "/priv", 0700);
	pid_t pid = fork();
	if (pid == 0) {
		int ok = setuid(1000) == 0 && evwatch(q, TE_DIR "/priv", EV_CREATE) == -1 &&
			 errno == EACCES && evwatch(q, TE_DIR, EV_CREATE) > 0;
		_exit(ok ? 0 : 1);
	}
	T_EQ(te_wait(pid), 0);
	rmdir(TE_DIR "/priv");
	close(q);
}

/* dup and fork share a queue; the last close drops its watches and frees it. */
static void sharing_and_close(void)
{
	struct meminfo mi;
	long before, after;
	int q = evopen(EV_NONBLOCK), q2, wd;
	pid_t pid;

	wd = evwatch(q, TE_DIR, EV_CREATE);
	q2 = dup(q);
	close(q);
	te_touch(TE_DIR "/d1");
	T_EQ(te_drain(q2), 1);
	te_is(0, EV_CREATE, wd, "d1");
	te_touch(TE_DIR "/d2");
	pid = fork();
	if (pid == 0) /* the child's descriptor is the same queue: it takes the event */
		_exit(te_drain(q2) == 1 && strcmp(te_name(0), "d2") == 0 ? 0 : 1);
	T_EQ(te_wait(pid), 0);
	T_EQ(te_drain(q2), 0);
	close(q2);
	unlink(TE_DIR "/d1");
	unlink(TE_DIR "/d2");
	/* 64 queues of 64 KiB with watches: all memory back. */
	sysctl(SYSCTL_MEMINFO, 0, &mi);
	before = (long)(mi.zones[0].free_kib + mi.zones[1].free_kib);
	for (int i = 0; i < 64; i++) {
		q = evopen(0);
		evwatch(q, TE_DIR, EV_FS_ALL);
		evwatch(q, "/tmp", EV_FS_ALL);
		evwatch(q, NULL, EV_MSG);
		evsend(getpid(), 0, "x", 1);
		close(q);
	}
	sysctl(SYSCTL_MEMINFO, 0, &mi);
	after = (long)(mi.zones[0].free_kib + mi.zones[1].free_kib);
	T_CHECK(after >= before - 256);
	T_EQ(te_limits().queues, te_start.queues);
	T_EQ(te_limits().watches, te_start.watches);
}

static void te_alarm(int sig)
{
	(void)sig;
}

/* A blocking read: woken by an event from a child, ended by a signal. */
static void blocking(void)
{
	static char buf[4096] __attribute__((aligned(8)));
	struct zevent *ev = (struct zevent *)buf;
	struct sigaction sa, old;
	int q = evopen(0), wd = evwatch(q, TE_DIR, EV_CREATE);
	pid_t pid = fork();

	if (pid == 0) {
		usleep(200000);
		te_touch(TE_DIR "/late");
		_exit(0);
	}
	T_CHECK(read(q, buf, sizeof(buf)) > 0);
	T_EQ(ev->type, EV_CREATE);
	T_EQ(ev->wd, wd);
	T_STREQ((char *)(ev + 1), "late");
	T_EQ(ev->pid, pid);
	T_EQ(te_wait(pid), 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = te_alarm;
	sigaction(SIGALRM, &sa, &old);
	alarm(1);
	T_ERRNO(read(q, buf, sizeof(buf)), EINTR);
	sigaction(SIGALRM, &old, NULL);
	/* O_NONBLOCK set later by fcntl works as from evopen. */
	T_EQ(fcntl(q, F_SETFL, O_NONBLOCK), 0);
	T_ERRNO(read(q, buf, sizeof(buf)), EAGAIN);
	unlink(TE_DIR "/late");
	close(q);
}

/* Every queue and watch of the tests is gone. */
static void no_leaks(void)
{
	struct ev_limits lim = te_limits();

	T_EQ(lim.queues, te_start.queues);
	T_EQ(lim.watches, te_start.watches);
	rmdir(TE_DIR);
}

static void nonblock_cloexec(void)
{
	static char buf[4096];
	int q = evopen(EV_NONBLOCK | EV_CLOEXEC);

	T_CHECK(q >= 0);
	T_ERRNO(read(q, buf, sizeof(buf)), EAGAIN);
	T_CHECK(fcntl(q, F_GETFD) & FD_CLOEXEC);
	T_CHECK(fcntl(q, F_GETFL) & O_NONBLOCK);
	T_EQ(read(q, buf, 0), 0);
	close(q);
	q = evopen(0);
	T_EQ(fcntl(q, F_GETFD) & FD_CLOEXEC, 0);
	close(q);
}

int main(void)
{
	static const struct ztest tests[] = {
		ZTEST(start),	       ZTEST(dir_events),	ZTEST(file_events),
		ZTEST(rename_pairs),   ZTEST(messages),		ZTEST(overflow_count),
		ZTEST(overflow_bytes), ZTEST(errors),		ZTEST(sharing_and_close),
		ZTEST(blocking),       ZTEST(nonblock_cloexec), ZTEST(no_leaks),
	};

	return ztest_main("t_event", tests, ZTEST_COUNT(tests));
}
