/*
 * dd [OPERAND]...: copy a file in blocks, as POSIX describes. Operands:
 * if=FILE, of=FILE (default standard input and output), bs=N (both
 * block sizes), ibs=N, obs=N (default 512), count=N (input blocks),
 * skip=N (input blocks skipped: lseek, or read when not seekable),
 * seek=N (output blocks skipped), conv=notrunc,sync,fsync (keep the
 * output's size; pad short input blocks with zeros; fsync the output at
 * the end), status=none|noxfer. N takes the suffixes c (1), w (2), b
 * (512), k or K (1024), M, G, and kB, MB, GB (powers of 1000). Without
 * conv=notrunc a regular output file is cut at the seek offset. At the
 * end "I+P records in", "O+Q records out" (full and partial blocks) and
 * the bytes copied go to standard error. Works on block devices
 * (/dev/vda). Exit 0, or 1 after an error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct dd_opts {
	const char *in, *out;
	unsigned long long ibs, obs, count, skip, seek;
	int notrunc, sync, fsync, quiet, noxfer, has_count;
};

struct dd_stats {
	unsigned long long in_full, in_part, out_full, out_part, bytes;
};

static void dd_die(const char *what, const char *detail)
{
	fprintf(stderr, "dd: %s: %s\n", what, detail);
	exit(1);
}

static unsigned long long dd_num(const char *key, const char *s)
{
	static const struct {
		const char *suf;
		unsigned long long mul;
	} sufs[] = { { "", 1 },
		     { "c", 1 },
		     { "w", 2 },
		     { "b", 512 },
		     { "k", 1024 },
		     { "K", 1024 },
		     { "M", 1ULL << 20 },
		     { "G", 1ULL << 30 },
		     { "kB", 1000 },
		     { "KB", 1000 },
		     { "MB", 1000000 },
		     { "GB", 1000000000 },
		     { "KiB", 1024 },
		     { "MiB", 1ULL << 20 },
		     { "GiB", 1ULL << 30 } };
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (end == s || errno || *s == '-')
		dd_die(key, "invalid number");
	for (size_t i = 0; i < sizeof(sufs) / sizeof(sufs[0]); i++)
		if (strcmp(end, sufs[i].suf) == 0)
			return v * sufs[i].mul;
	dd_die(key, "invalid number");
	return 0;
}

static void dd_conv(struct dd_opts *o, const char *v)
{
	char buf[128], *w, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", v);
	for (w = strtok_r(buf, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		if (strcmp(w, "notrunc") == 0)
			o->notrunc = 1;
		else if (strcmp(w, "sync") == 0)
			o->sync = 1;
		else if (strcmp(w, "fsync") == 0)
			o->fsync = 1;
		else
			dd_die("conv", "invalid conversion");
	}
}

static void dd_operand(struct dd_opts *o, const char *arg)
{
	const char *eq = strchr(arg, '=');
	size_t k = eq ? (size_t)(eq - arg) : 0;
	const char *v = eq ? eq + 1 : "";

	if (!eq)
		dd_die(arg, "unrecognized operand");
	if (k == 2 && strncmp(arg, "if", 2) == 0)
		o->in = v;
	else if (k == 2 && strncmp(arg, "of", 2) == 0)
		o->out = v;
	else if (k == 2 && strncmp(arg, "bs", 2) == 0)
		o->ibs = o->obs = dd_num("bs", v);
	else if (k == 3 && strncmp(arg, "ibs", 3) == 0)
		o->ibs = dd_num("ibs", v);
	else if (k == 3 && strncmp(arg, "obs", 3) == 0)
		o->obs = dd_num("obs", v);
	else if (k == 5 && strncmp(arg, "count", 5) == 0)
		o->count = dd_num("count", v), o->has_count = 1;
	else if (k == 4 && strncmp(arg, "skip", 4) == 0)
		o->skip = dd_num("skip", v);
	else if (k == 4 && strncmp(arg, "seek", 4) == 0)
		o->seek = dd_num("seek", v);
	else if (k == 4 && strncmp(arg, "conv", 4) == 0)
		dd_conv(o, v);
	else if (k == 6 && strncmp(arg, "status", 6) == 0 && strcmp(v, "none") == 0)
		o->quiet = 1;
	else if (k == 6 && strncmp(arg, "status", 6) == 0 && strcmp(v, "noxfer") == 0)
		o->noxfer = 1;
	else
		dd_die(arg, "unrecognized operand");
}

/* Read up to n bytes (a short count only at the end or from a pipe's chunk). */
static long dd_read(int fd, char *buf, size_t n, const char *name)
{
	long r;

	do
		r = read(fd, buf, n);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		dd_die(name, strerror(errno));
	return r;
}

static void dd_write(int fd, const char *buf, size_t n, const struct dd_opts *o,
		     struct dd_stats *st)
{
	size_t done = 0;

	while (done < n) {
		long w = write(fd, buf + done, n - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			dd_die(o->out ? o->out : "standard output", strerror(w < 0 ? errno : EIO));
		done += (size_t)w;
	}
	st->bytes += n;
	if (n == o->obs)
		st->out_full++;
	else
		st->out_part++;
}

static void dd_skip(int fd, const struct dd_opts *o, char *buf)
{
	const char *name = o->in ? o->in : "standard input";
	unsigned long long left = o->skip * o->ibs;

	if (left == 0 || lseek(fd, (off_t)left, SEEK_CUR) >= 0)
		return;
	while (left > 0) {
		long r = dd_read(fd, buf, left < o->ibs ? left : o->ibs, name);

		if (r == 0)
			break;
		left -= (unsigned long long)r;
	}
}

static void dd_open(const struct dd_opts *o, int *in, int *out)
{
	*in = 0;
	*out = 1;
	if (o->in && (*in = open(o->in, O_RDONLY)) < 0)
		dd_die(o->in, strerror(errno));
	if (o->out) {
		*out =
		    open(o->out, O_WRONLY | O_CREAT | (o->seek || o->notrunc ? 0 : O_TRUNC), 0666);
		if (*out < 0)
			dd_die(o->out, strerror(errno));
	}
	if (o->seek && lseek(*out, (off_t)(o->seek * o->obs), SEEK_SET) < 0)
		dd_die(o->out ? o->out : "standard output", strerror(errno));
	if (o->out && o->seek && !o->notrunc) {
		struct stat sb;

		if (fstat(*out, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    ftruncate(*out, (off_t)(o->seek * o->obs)) < 0)
			dd_die(o->out, strerror(errno));
	}
}

/* The copy: input blocks into an output buffer written obs bytes at a time. */
static void dd_copy(const struct dd_opts *o, int in, int out, struct dd_stats *st)
{
	char *ib = malloc(o->ibs), *ob = malloc(o->obs);
	size_t have = 0;

	if (!ib || !ob)
		dd_die("memory", strerror(ENOMEM));
	dd_skip(in, o, ib);
	for (unsigned long long n = 0; !o->has_count || n < o->count; n++) {
		long r = dd_read(in, ib, o->ibs, o->in ? o->in : "standard input");

		if (r == 0)
			break;
		if ((unsigned long long)r == o->ibs)
			st->in_full++;
		else
			st->in_part++;
		if (o->sync && (unsigned long long)r < o->ibs) {
			memset(ib + r, 0, o->ibs - (size_t)r);
			r = (long)o->ibs;
		}
		for (long k = 0; k < r;) {
			size_t m =
			    o->obs - have < (size_t)(r - k) ? o->obs - have : (size_t)(r - k);

			memcpy(ob + have, ib + k, m);
			have += m;
			k += (long)m;
			if (have == o->obs)
				dd_write(out, ob, have, o, st), have = 0;
		}
	}
	if (have)
		dd_write(out, ob, have, o, st);
	free(ib);
	free(ob);
}

int main(int argc, char **argv)
{
	struct dd_opts o = { .ibs = 512, .obs = 512 };
	struct dd_stats st = { 0 };
	int in, out;

	for (int i = 1; i < argc; i++)
		dd_operand(&o, argv[i]);
	if (o.ibs == 0 || o.obs == 0)
		dd_die("bs", "invalid number");
	dd_open(&o, &in, &out);
	dd_copy(&o, in, out, &st);
	if (o.fsync && fsync(out) < 0)
		dd_die(o.out ? o.out : "standard output", strerror(errno));
	if (out != 1 && close(out) < 0)
		dd_die(o.out, strerror(errno));
	if (!o.quiet) {
		fprintf(stderr, "%llu+%llu records in\n%llu+%llu records out\n", st.in_full,
			st.in_part, st.out_full, st.out_part);
		if (!o.noxfer)
			fprintf(stderr, "%llu bytes copied\n", st.bytes);
	}
	return 0;
}
