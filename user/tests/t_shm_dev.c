/*
 * In-guest tests of the views of shared memory: /dev/shm (the POSIX shm
 * names: readdir, stat, ls -l, unlink and rm as shm_unlink, what an open
 * entry refuses), the names of shm mappings in /proc/self/maps
 * ("[shm:/name]", "[shm:anon]", "[sysv-shm:key=... id=...]", " (deleted)"), and shmat
 * at a fixed address (EINVAL over a mapping unless SHM_REMAP, unaligned
 * without SHM_RND), with a leak check at the end.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/zero.h>
#include <uapi/sysctl.h>
#include <unistd.h>

#include "ztest.h"

#define PG 4096

static struct ipc_limits td_start;
static char td_out[8192];

static struct ipc_limits td_limits(void)
{
	struct ipc_limits lim;

	memset(&lim, 0, sizeof(lim));
	sysctl(SYSCTL_IPC, 0, &lim);
	return lim;
}

/* Run argv with its output in td_out; its exit status. */
static int td_run(char *const argv[])
{
	return ztest_run(argv, td_out, sizeof(td_out));
}

/* Is name an entry of /dev/shm? */
static int td_listed(const char *name)
{
	DIR *d = opendir("/dev/shm");
	struct dirent *e;
	int found = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, name) == 0)
			found++;
	closedir(d);
	return found;
}

/* Read /proc/self/maps into td_out. */
static ssize_t td_maps(void)
{
	int fd = open("/proc/self/maps", O_RDONLY);
	ssize_t n, len = 0;

	if (fd < 0)
		return -1;
	while ((n = read(fd, td_out + len, sizeof(td_out) - 1 - (size_t)len)) > 0)
		len += n;
	td_out[len] = 0;
	close(fd);
	return len;
}

/* The maps line that starts at addr, or NULL. */
static const char *td_maps_line(const void *addr)
{
	char start[32];
	const char *s;

	snprintf(start, sizeof(start), "%08lx-", (unsigned long)addr);
	if (td_maps() <= 0)
		return NULL;
	for (s = td_out; s && *s; s = strchr(s, '\n') ? strchr(s, '\n') + 1 : NULL)
		if (strncmp(s, start, strlen(start)) == 0)
			return s;
	return NULL;
}

/* Does the line at s (up to its newline) contain what? */
static int td_line_has(const char *s, const char *what)
{
	const char *nl = s ? strchr(s, '\n') : NULL;
	const char *hit = s ? strstr(s, what) : NULL;

	return hit != NULL && (nl == NULL || hit < nl);
}

static void start(void)
{
	struct stat st;

	td_start = td_limits();
	T_EQ(stat("/dev/shm", &st), 0);
	T_CHECK(S_ISDIR(st.st_mode));
	T_EQ(st.st_mode & 07777, 01777);
}

static void dev_list(void)
{
	int a = shm_open("/t_dev.a", O_RDWR | O_CREAT | O_EXCL, 0640);
	int b = shm_open("/t_dev.b", O_RDWR | O_CREAT | O_EXCL, 0600);
	struct stat st, fst;

	T_CHECK(a >= 0 && b >= 0);
	T_EQ(ftruncate(a, 3 * PG), 0);
	T_EQ(td_listed("t_dev.a"), 1);
	T_EQ(td_listed("t_dev.b"), 1);
	T_EQ(td_listed("t_dev.c"), 0);
	T_EQ(stat("/dev/shm/t_dev.a", &st), 0);
	T_EQ(fstat(a, &fst), 0);
	T_CHECK(S_ISREG(st.st_mode));
	T_EQ(st.st_mode & 07777, 0640);
	T_EQ(st.st_size, 3 * PG);
	T_EQ(st.st_uid, getuid());
	T_EQ(st.st_mtime, fst.st_mtime);
	T_ERRNO(stat("/dev/shm/t_dev.c", &st), ENOENT);
	T_EQ(td_run((char *[]){ "/bin/ls", "-l", "/dev/shm", NULL }), 0);
	T_CHECK(strstr(td_out, "t_dev.a") != NULL);
	T_CHECK(strstr(td_out, "t_dev.b") != NULL);
	T_CHECK(strstr(td_out, "-rw-r-----") != NULL);
	T_CHECK(strstr(td_out, "12288") != NULL);
	T_EQ(td_run((char *[]){ "/bin/ls", "/dev/shm", NULL }), 0);
	T_CHECK(strstr(td_out, "t_dev.a\n") != NULL);
	T_EQ(unlink("/dev/shm/t_dev.b"), 0); /* = shm_unlink */
	T_EQ(td_listed("t_dev.b"), 0);
	T_ERRNO(shm_open("/t_dev.b", O_RDWR, 0), ENOENT);
	T_EQ(fstat(b, &fst), 0); /* still open: the object lives */
	T_EQ(close(b), 0);
	T_EQ(td_run((char *[]){ "/bin/rm", "/dev/shm/t_dev.a", NULL }), 0);
	T_ERRNO(shm_unlink("/t_dev.a"), ENOENT);
	T_EQ(close(a), 0);
	T_EQ(td_listed("t_dev.a"), 0);
}

static void dev_refusals(void)
{
	int a = shm_open("/t_dev.r", O_RDWR | O_CREAT, 0644), fd;
	char c;

	T_CHECK(a >= 0);
	fd = open("/dev/shm/t_dev.r", O_RDONLY);
	T_CHECK(fd >= 0);
	T_ERRNO(read(fd, &c, 1), ENOTSUP);
	T_EQ(close(fd), 0);
	T_ERRNO(open("/dev/shm/t_dev.new", O_RDWR | O_CREAT, 0600), EPERM);
	T_ERRNO(mkdir("/dev/shm/t_dev.d", 0700), EPERM);
	T_ERRNO(rename("/dev/shm/t_dev.r", "/dev/shm/t_dev.s"), EPERM);
	T_ERRNO(unlink("/dev/shm/t_dev.none"), ENOENT);
	T_EQ(shm_unlink("/t_dev.r"), 0);
	T_EQ(close(a), 0);
}

static void maps_names(void)
{
	int fd = shm_open("/t_dev.m", O_RDWR | O_CREAT | O_EXCL, 0600);
	int id = shmget(0x5e15, 2 * PG, IPC_CREAT | IPC_EXCL | 0600);
	char want[64];
	void *p, *q;

	T_CHECK(fd >= 0 && id >= 0);
	T_EQ(ftruncate(fd, 2 * PG), 0);
	p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	q = shmat(id, NULL, 0);
	T_CHECK(p != MAP_FAILED && q != (void *)-1);
	T_CHECK(td_line_has(td_maps_line(p), " rw-s "));
	T_CHECK(td_line_has(td_maps_line(p), "[shm:/t_dev.m]\n"));
	snprintf(want, sizeof(want), "[sysv-shm:key=0x00005e15 id=%d]\n", id);
	T_CHECK(td_line_has(td_maps_line(q), want));
	T_EQ(shmctl(id, IPC_RMID, NULL), 0); /* attached: lives on, key now private */
	snprintf(want, sizeof(want), "[sysv-shm:key=0x00000000 id=%d (deleted)]\n", id);
	T_CHECK(td_line_has(td_maps_line(q), want));
	T_EQ(shm_unlink("/t_dev.m"), 0);
	T_CHECK(td_line_has(td_maps_line(p), "[shm:/t_dev.m (deleted)]\n"));
	T_EQ(close(fd), 0); /* only the mapping holds the memory: no name left */
	T_CHECK(td_line_has(td_maps_line(p), "[anon]\n"));
	T_EQ(shmdt(q), 0);
	T_CHECK(td_maps_line(q) == NULL);
}

static void maps_anon(void)
{
	int fd = shm_open(SHM_ANON, O_RDWR, 0600);
	void *p;

	T_CHECK(fd >= 0);
	T_EQ(ftruncate(fd, PG), 0);
	p = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
	T_CHECK(p != MAP_FAILED);
	T_CHECK(td_line_has(td_maps_line(p), " r--s "));
	T_CHECK(td_line_has(td_maps_line(p), "[shm:anon]\n"));
	T_EQ(munmap(p, PG), 0);
	T_EQ(close(fd), 0);
}

static void shmat_fixed(void)
{
	int id = shmget(IPC_PRIVATE, 2 * PG, IPC_CREAT | 0600);
	char *m = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *at;

	T_CHECK(id >= 0 && m != MAP_FAILED);
	m[0] = 'x';
	T_ERRNO(shmat(id, m, 0), EINVAL);	    /* over a mapping */
	T_ERRNO(shmat(id, m + 2 * PG, 0), EINVAL);  /* over its end */
	T_ERRNO(shmat(id, m + 1, 0), EINVAL);	    /* unaligned */
	T_ERRNO(shmat(id, m + 1, SHM_RND), EINVAL); /* rounded, still over it */
	T_ERRNO(shmat(id, NULL, SHM_REMAP), EINVAL);
	T_EQ(m[0], 'x'); /* untouched by the refusals */
	T_EQ(td_limits().shm_attach, td_start.shm_attach);
	at = shmat(id, m + 1, SHM_RND | SHM_REMAP);
	T_CHECK(at == m);
	T_EQ(at[0], 0); /* the segment's page now */
	at[0] = 's';
	T_EQ(m[2 * PG], 0); /* the mapping beyond the segment stays */
	T_EQ(shmdt(at), 0);
	T_EQ(munmap(m + 2 * PG, 2 * PG), 0);
	/* a free range: attached exactly there */
	at = shmat(id, m + PG, 0);
	T_CHECK(at == m + PG);
	T_EQ(at[0], 's'); /* the segment's first byte, written above */
	T_EQ(shmdt(at), 0);
	T_EQ(shmctl(id, IPC_RMID, NULL), 0);
}

static void no_leaks(void)
{
	struct ipc_limits lim = td_limits();

	T_EQ(lim.shm_used, td_start.shm_used);
	T_EQ(lim.shm_pages, td_start.shm_pages);
	T_EQ(lim.shm_attach, td_start.shm_attach);
	T_EQ(lim.pshm_used, td_start.pshm_used);
}

int main(void)
{
	static const struct ztest tests[] = {
		ZTEST(start),	  ZTEST(dev_list),    ZTEST(dev_refusals), ZTEST(maps_names),
		ZTEST(maps_anon), ZTEST(shmat_fixed), ZTEST(no_leaks),
	};

	return ztest_main("t_shm_dev", tests, ZTEST_COUNT(tests));
}
