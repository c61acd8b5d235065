/* Host side of the journal's tests (jbd_fakes.h). */
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jbd_fakes.h"

struct thr;

int printk(const char *fmt, ...);
struct thr *thr_create(const char *name, void (*entry)(void *arg), void *arg, long class,
		       long nice);
void thr_sleep_ns(uint64_t ns);

char jfake_last_msg[256];

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(jfake_last_msg, sizeof(jfake_last_msg), fmt, ap);
	va_end(ap);
	fputs(jfake_last_msg, stderr);
	return n;
}

int jfake_threads;

struct jfake_thread {
	void (*entry)(void *arg);
	void *arg;
};

static void *jfake_thread_body(void *p)
{
	struct jfake_thread t = *(struct jfake_thread *)p;

	free(p);
	t.entry(t.arg);
	return NULL;
}

/* A detached host thread while jfake_threads is set; else none (NULL). */
struct thr *thr_create(const char *name, void (*entry)(void *arg), void *arg, long class, long nice)
{
	struct jfake_thread *t;
	pthread_t th;

	(void)name;
	(void)class;
	(void)nice;
	if (!jfake_threads || (t = malloc(sizeof(*t))) == NULL)
		return NULL;
	*t = (struct jfake_thread){ .entry = entry, .arg = arg };
	if (pthread_create(&th, NULL, jfake_thread_body, t) != 0) {
		free(t);
		return NULL;
	}
	pthread_detach(th);
	return (struct thr *)t; /* only compared with NULL */
}

void thr_sleep_ns(uint64_t ns)
{
	usleep((useconds_t)(ns / 1000));
}

int jfake_run(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd) - 32, fmt, ap);
	va_end(ap);
	strcat(cmd, " >/dev/null 2>&1");
	rc = system(cmd);
	return rc == -1 ? -1 : WEXITSTATUS(rc);
}

int jfake_mkimage(const char *path, unsigned bs, unsigned kib, int csum)
{
	char script[600];

	unlink(path);
	if (!csum)
		return jfake_run("mke2fs -q -F -t ext3 -b %u %s %uk", bs, path, kib) == 0 ? 0 : -1;
	/* metadata_csum, and debugfs' journal_open -c turns on the journal's CSUM_V3. */
	if (jfake_run("mke2fs -q -F -t ext3 -O metadata_csum -b %u %s %uk", bs, path, kib) != 0)
		return -1;
	snprintf(script, sizeof(script), "%s.jo", path);
	if (jfake_write_text(script, "jo -c\njc\n") != 0)
		return -1;
	return jfake_run("debugfs -w -f %s %s", script, path) == 0 && unlink(script) == 0 ? 0 : -1;
}

/* Read whitespace-separated numbers from a command's output after @p skip words. */
static int jfake_numbers(const char *cmd, unsigned skip, uint64_t *out, unsigned max)
{
	FILE *f = popen(cmd, "r");
	char word[64];
	unsigned n = 0;

	if (f == NULL)
		return -1;
	while (n < max && fscanf(f, "%63s", word) == 1) {
		char *end;
		unsigned long long v = strtoull(word, &end, 10);

		if (skip > 0) {
			skip--;
			continue;
		}
		if (*end == '\0' && end != word)
			out[n++] = v;
	}
	pclose(f);
	return (int)n;
}

/* One "(a-b):x-y" or "(a):x" extent of debugfs' stat into out[]; indirect blocks skipped. */
static void jfake_extent(const char *tok, uint64_t *out, unsigned max, unsigned *n)
{
	unsigned long long a, b, x, y;

	if (sscanf(tok, "(%llu-%llu):%llu-%llu", &a, &b, &x, &y) == 4) {
	} else if (sscanf(tok, "(%llu):%llu", &a, &x) == 2) {
		b = a;
		y = x;
	} else {
		return; /* (IND), (DIND), (TIND), TOTAL */
	}
	for (unsigned long long i = a; i <= b && i < max; i++) {
		out[i] = x + (i - a);
		if (i + 1 > *n)
			*n = (unsigned)(i + 1);
	}
}

int jfake_journal_blocks(const char *img, uint64_t *out, unsigned max)
{
	char cmd[512], tok[128];
	unsigned n = 0;

	FILE *f;

	snprintf(cmd, sizeof(cmd), "DEBUGFS_PAGER=__none__ debugfs -R 'stat <8>' %s 2>/dev/null",
		 img);
	f = popen(cmd, "r");
	if (f == NULL)
		return -1;
	while (fscanf(f, "%127s", tok) == 1) {
		size_t len = strlen(tok);

		if (len > 0 && tok[len - 1] == ',')
			tok[len - 1] = '\0';
		jfake_extent(tok, out, max, &n);
	}
	pclose(f);
	return (int)n;
}

int jfake_write_text(const char *path, const char *fmt, ...)
{
	FILE *f = fopen(path, "w");
	va_list ap;

	if (f == NULL)
		return -1;
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	return fclose(f) == 0 ? 0 : -1;
}

int jfake_free_blocks(const char *img, unsigned n, uint64_t from, uint64_t *out)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "debugfs -R 'ffb %u %llu' %s 2>/dev/null", n,
		 (unsigned long long)from, img);
	return jfake_numbers(cmd, 0, out, n);
}

int jfake_inode_loc(const char *img, unsigned ino, uint64_t *blk, unsigned *off)
{
	char cmd[512], line[256];
	unsigned long long b;
	int ok = -1;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "debugfs -R 'imap <%u>' %s 2>/dev/null", ino, img);
	f = popen(cmd, "r");
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		char *p = strstr(line, "located at block ");

		if (p != NULL && sscanf(p, "located at block %llu, offset 0x%x", &b, off) == 2) {
			*blk = b;
			ok = 0;
		}
	}
	pclose(f);
	return ok;
}

int jfake_copy(const char *src, const char *dst)
{
	return jfake_run("cp %s %s", src, dst) == 0 ? 0 : -1;
}

/* Is @p off inside one of the @p n (offset, length) pairs of @p skip? */
static int jfake_skipped(uint64_t off, const uint64_t *skip, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (off >= skip[2 * i] && off < skip[2 * i] + skip[2 * i + 1])
			return 1;
	return 0;
}

uint64_t jfake_cmp(const char *a, const char *b, const uint64_t *skip, unsigned nskip)
{
	FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	uint64_t off = 0, diff = 0;
	int ca, cb;

	if (fa == NULL || fb == NULL) {
		if (fa)
			fclose(fa);
		if (fb)
			fclose(fb);
		return 1;
	}
	do {
		ca = getc(fa);
		cb = getc(fb);
		if (ca != cb && !jfake_skipped(off, skip, nskip)) {
			diff = off + 1;
			break;
		}
		off++;
	} while (ca != EOF);
	fclose(fa);
	fclose(fb);
	return diff;
}

int jfake_open(const char *path)
{
	return open(path, O_RDWR);
}

void jfake_unlink(const char *path)
{
	unlink(path);
}

void jfake_tmpname(char *out, size_t n, const char *tag)
{
	snprintf(out, n, "/tmp/test_jbd.%d.%s", (int)getpid(), tag);
}

int jfake_random_file(const char *path, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL)
		return -1;
	for (size_t i = 0; i < n; i++)
		putc(rand() & 0xff, f);
	return fclose(f) == 0 ? 0 : -1;
}
