/*
 * df: free space of the mounted file systems (all, or those holding the
 * files named).
 *   -k 1K blocks (the default), -h powers of 1024 (K, M, G), -T the type.
 * The mounts come from sysctl(SYSCTL_MOUNTS), the numbers from statfs().
 * Exit 1 if a file system could not be read.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/zero.h>
#include <uapi/sysctl.h>
#include <unistd.h>

#define DF_COLS 7

static int df_human, df_type;
static char *df_cell[64][DF_COLS];
static int df_rows;

static struct mntinfo *df_mounts(long *count)
{
	struct mntinfo *m = NULL;
	long room = 16, n;

	for (;;) {
		m = realloc(m, sizeof(*m) * (size_t)room);
		if (!m)
			return NULL;
		n = sysctl(SYSCTL_MOUNTS, room, m);
		if (n < 0) {
			fprintf(stderr, "df: cannot list the mounts: %s\n", strerror(errno));
			free(m);
			return NULL;
		}
		if (n < room)
			break;
		room *= 2;
	}
	*count = n;
	return m;
}

static char *df_size(unsigned long long bytes)
{
	static const char units[] = "KMGTPE";
	char buf[32];
	unsigned long long div = 1024;
	int u = 0;

	if (!df_human) {
		snprintf(buf, sizeof(buf), "%llu", (bytes + 1023) / 1024);
		return strdup(buf);
	}
	if (bytes < 1024) {
		snprintf(buf, sizeof(buf), "%llu", bytes);
		return strdup(buf);
	}
	while (u < 5 && (bytes + div - 1) / div >= 1024)
		div *= 1024, u++;
	unsigned long long tenths = (bytes * 10 + div - 1) / div;
	if (tenths < 100)
		snprintf(buf, sizeof(buf), "%llu.%llu%c", tenths / 10, tenths % 10, units[u]);
	else
		snprintf(buf, sizeof(buf), "%llu%c", (bytes + div - 1) / div, units[u]);
	return strdup(buf);
}

static void df_row(const char *c0, const char *c1, char *c2, char *c3, char *c4, char *c5,
		   const char *c6)
{
	char **r = df_cell[df_rows++];

	r[0] = strdup(c0);
	r[1] = strdup(c1);
	r[2] = c2;
	r[3] = c3;
	r[4] = c4;
	r[5] = c5;
	r[6] = strdup(c6);
}

static int df_one(const struct mntinfo *m)
{
	struct statfs s;
	char pct[16];

	if (df_rows >= 64)
		return 0;
	if (statfs(m->target, &s) != 0) {
		fprintf(stderr, "df: %s: %s\n", m->target, strerror(errno));
		return 1;
	}
	unsigned long long bs = s.f_frsize ? s.f_frsize : s.f_bsize;
	unsigned long long used = (s.f_blocks - s.f_bfree) * bs, avail = s.f_bavail * bs;
	if (used + avail)
		snprintf(pct, sizeof(pct), "%llu%%",
			 (used * 100 + used + avail - 1) / (used + avail));
	else
		snprintf(pct, sizeof(pct), "-");
	df_row(m->source, m->fstype, df_size(s.f_blocks * bs), df_size(used), df_size(avail),
	       strdup(pct), m->target);
	return 0;
}

static void df_print(void)
{
	int w[DF_COLS] = { 0 };

	for (int r = 0; r < df_rows; r++)
		for (int c = 0; c < DF_COLS; c++)
			if ((int)strlen(df_cell[r][c]) > w[c])
				w[c] = (int)strlen(df_cell[r][c]);
	if (w[0] < 14)
		w[0] = 14;
	for (int r = 0; r < df_rows; r++) {
		printf("%-*s ", w[0], df_cell[r][0]);
		if (df_type)
			printf("%-*s ", w[1], df_cell[r][1]);
		printf("%*s %*s %*s %*s %s\n", w[2], df_cell[r][2], w[3], df_cell[r][3], w[4],
		       df_cell[r][4], w[5], df_cell[r][5], df_cell[r][6]);
	}
}

/* The mount holding @path: the last one with its device number. */
static const struct mntinfo *df_holder(const struct mntinfo *m, long n, const char *path)
{
	const struct mntinfo *found = NULL;
	struct stat st;

	if (stat(path, &st) != 0)
		return NULL;
	for (long i = 0; i < n; i++)
		if (m[i].dev == st.st_dev)
			found = &m[i];
	if (!found)
		errno = ENOENT;
	return found;
}

int main(int argc, char **argv)
{
	struct mntinfo *m;
	long n = 0;
	int c, status = 0;

	while ((c = getopt(argc, argv, "hkT")) != -1) {
		if (c == 'h')
			df_human = 1;
		else if (c == 'k')
			df_human = 0;
		else if (c == 'T')
			df_type = 1;
		else {
			fprintf(stderr, "usage: df [-hkT] [file...]\n");
			return 1;
		}
	}
	m = df_mounts(&n);
	if (!m)
		return 1;
	df_row("Filesystem", "Type", strdup(df_human ? "Size" : "1K-blocks"), strdup("Used"),
	       strdup(df_human ? "Avail" : "Available"), strdup("Use%"), "Mounted on");
	for (long i = 0; optind == argc && i < n; i++)
		status |= df_one(&m[i]);
	for (int i = optind; i < argc; i++) {
		const struct mntinfo *h = df_holder(m, n, argv[i]);
		if (!h) {
			fprintf(stderr, "df: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		status |= df_one(h);
	}
	df_print();
	return status;
}
