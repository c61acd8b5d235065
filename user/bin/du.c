/*
 * du: disk usage of files and directory trees.
 *   -s only a total per operand, -a every file too, -c a grand total, -d N
 *   at most N levels deep, -k 1K blocks (the default), -m 1M blocks, -h
 *   powers of 1024, -b apparent size in bytes, -x stay on one file system.
 * A file counts once however often it is met (links, operands named twice). Output "SIZE<TAB>PATH",
 * children before their directory, in directory order. Exit 1 on an error.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct {
	int summary, all, total, human, bytes, onefs, maxdepth;
	long long unit;
} du_opt = { .maxdepth = -1, .unit = 1024 };

static int du_status;

/* The files counted so far (an open-addressing set of device and inode). */
static struct du_seen {
	uint64_t dev, ino;
	int used;
} * du_seen;
static size_t du_nseen, du_capseen;

static void du_insert(uint64_t dev, uint64_t ino)
{
	size_t i = (size_t)((ino * 0x9e3779b97f4a7c15ull) ^ dev) & (du_capseen - 1);

	while (du_seen[i].used)
		i = (i + 1) & (du_capseen - 1);
	du_seen[i].dev = dev;
	du_seen[i].ino = ino;
	du_seen[i].used = 1;
	du_nseen++;
}

static void du_grow(void)
{
	struct du_seen *old = du_seen;
	size_t oldcap = du_capseen;

	du_capseen = du_capseen ? du_capseen * 2 : 256;
	du_seen = calloc(du_capseen, sizeof(*du_seen));
	if (!du_seen) {
		fprintf(stderr, "du: out of memory\n");
		exit(1);
	}
	du_nseen = 0;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].used)
			du_insert(old[i].dev, old[i].ino);
	free(old);
}

/* Has this file been counted (a second link, an operand named twice)? Remembers it if not. */
static int du_counted(const struct stat *st)
{
	size_t i;

	if (du_nseen * 2 >= du_capseen)
		du_grow();
	i = (size_t)((st->st_ino * 0x9e3779b97f4a7c15ull) ^ st->st_dev) & (du_capseen - 1);
	for (; du_seen[i].used; i = (i + 1) & (du_capseen - 1))
		if (du_seen[i].dev == st->st_dev && du_seen[i].ino == st->st_ino)
			return 1;
	du_insert(st->st_dev, st->st_ino);
	return 0;
}

static void du_print(long long size, const char *path)
{
	static const char units[] = "KMGTPE";
	long long div = 1024;
	int u = 0;

	if (du_opt.human && size >= 1024) {
		while (u < 5 && (size + div - 1) / div >= 1024)
			div *= 1024, u++;
		long long tenths = (size * 10 + div - 1) / div;
		if (tenths < 100)
			printf("%lld.%lld%c\t%s\n", tenths / 10, tenths % 10, units[u], path);
		else
			printf("%lld%c\t%s\n", (size + div - 1) / div, units[u], path);
	} else if (du_opt.human || du_opt.bytes) {
		printf("%lld\t%s\n", size, path);
	} else {
		printf("%lld\t%s\n", (size + du_opt.unit - 1) / du_opt.unit, path);
	}
}

static long long du_walk(const char *path, int depth, uint64_t dev);

static long long du_dir(const char *path, int depth, uint64_t dev)
{
	struct dirent *de;
	long long sum = 0;
	size_t l = strlen(path);
	DIR *d = opendir(path);

	if (!d) {
		fprintf(stderr, "du: cannot read directory '%s': %s\n", path, strerror(errno));
		du_status = 1;
		return 0;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char *sub = malloc(l + strlen(de->d_name) + 2);
		if (!sub)
			exit(1);
		sprintf(sub, "%s%s%s", path, l && path[l - 1] == '/' ? "" : "/", de->d_name);
		sum += du_walk(sub, depth + 1, dev);
		free(sub);
	}
	closedir(d);
	return sum;
}

/* The size of @path and what it holds (bytes); prints as the options say. */
static long long du_walk(const char *path, int depth, uint64_t dev)
{
	struct stat st;
	long long size;
	int shown;

	if (lstat(path, &st) != 0) {
		fprintf(stderr, "du: cannot access '%s': %s\n", path, strerror(errno));
		du_status = 1;
		return 0;
	}
	if (du_opt.onefs && depth && st.st_dev != dev)
		return 0;
	if (du_counted(&st))
		return 0;
	size = du_opt.bytes ? st.st_size : (long long)st.st_blocks * 512;
	shown = !du_opt.summary ? du_opt.maxdepth < 0 || depth <= du_opt.maxdepth : depth == 0;
	if (S_ISDIR(st.st_mode)) {
		size += du_dir(path, depth, depth ? dev : st.st_dev);
		if (shown)
			du_print(size, path);
	} else if (shown && (depth == 0 || du_opt.all)) {
		du_print(size, path);
	}
	return size;
}

static void du_options(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "sacd:kmhbx")) != -1) {
		switch (c) {
		case 's':
			du_opt.summary = 1;
			break;
		case 'a':
			du_opt.all = 1;
			break;
		case 'c':
			du_opt.total = 1;
			break;
		case 'd':
			du_opt.maxdepth = atoi(optarg);
			break;
		case 'k':
			du_opt.unit = 1024, du_opt.human = du_opt.bytes = 0;
			break;
		case 'm':
			du_opt.unit = 1048576, du_opt.human = du_opt.bytes = 0;
			break;
		case 'h':
			du_opt.human = 1;
			break;
		case 'b':
			du_opt.bytes = 1, du_opt.unit = 1;
			break;
		case 'x':
			du_opt.onefs = 1;
			break;
		default:
			fprintf(stderr, "usage: du [-sacdkmhbx] [file...]\n");
			exit(1);
		}
	}
	if (du_opt.summary && du_opt.all) {
		fprintf(stderr, "du: cannot both summarize and show all entries\n");
		exit(1);
	}
}

int main(int argc, char **argv)
{
	long long total = 0;

	du_options(argc, argv);
	if (optind == argc)
		total = du_walk(".", 0, 0);
	for (int i = optind; i < argc; i++)
		total += du_walk(argv[i], 0, 0);
	if (du_opt.total)
		du_print(total, "total");
	return du_status;
}
