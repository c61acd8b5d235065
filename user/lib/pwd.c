/*
 * The user and group databases: /etc/passwd (name:passwd:uid:gid:gecos:dir:
 * shell) and /etc/group (name:passwd:gid:member,member...), read line by
 * line on every call. The entry returned is static, as POSIX allows.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PWD_LINE    512
#define PWD_MEMBERS 32

static char pwd_line[PWD_LINE];
static struct passwd pwd_pw;
static char grp_line[PWD_LINE];
static struct group grp_gr;
static char *grp_mem[PWD_MEMBERS + 1];

/* Split @s at ':' into at most @max fields; the count found. */
static int pwd_fields(char *s, char **f, int max)
{
	int n = 0;

	s[strcspn(s, "\n")] = 0;
	while (n < max) {
		f[n++] = s;
		s = strchr(s, ':');
		if (!s)
			break;
		*s++ = 0;
	}
	return n;
}

static unsigned int pwd_num(const char *s, int *ok)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	*ok = *s && !*end;
	return (unsigned int)v;
}

static int pwd_parse(char *line)
{
	char *f[7];
	int ok1, ok2;

	if (pwd_fields(line, f, 7) != 7)
		return 0;
	pwd_pw.pw_name = f[0];
	pwd_pw.pw_passwd = f[1];
	pwd_pw.pw_uid = pwd_num(f[2], &ok1);
	pwd_pw.pw_gid = pwd_num(f[3], &ok2);
	pwd_pw.pw_gecos = f[4];
	pwd_pw.pw_dir = f[5];
	pwd_pw.pw_shell = f[6];
	return ok1 && ok2;
}

/* The first /etc/passwd entry with this name (name) or uid. */
static struct passwd *pwd_find(const char *name, uid_t uid)
{
	int saved = errno;
	FILE *f = fopen("/etc/passwd", "r");

	if (!f)
		return NULL;
	while (fgets(pwd_line, sizeof(pwd_line), f)) {
		if (!pwd_parse(pwd_line))
			continue;
		if (name ? !strcmp(pwd_pw.pw_name, name) : pwd_pw.pw_uid == uid) {
			fclose(f);
			errno = saved;
			return &pwd_pw;
		}
	}
	fclose(f);
	errno = saved;
	return NULL;
}

struct passwd *getpwuid(uid_t uid)
{
	return pwd_find(NULL, uid);
}

struct passwd *getpwnam(const char *name)
{
	return pwd_find(name, 0);
}

static int grp_parse(char *line)
{
	char *f[4], *m, *save = NULL;
	int ok, n = 0;

	if (pwd_fields(line, f, 4) != 4)
		return 0;
	grp_gr.gr_name = f[0];
	grp_gr.gr_passwd = f[1];
	grp_gr.gr_gid = pwd_num(f[2], &ok);
	for (m = strtok_r(f[3], ",", &save); m && n < PWD_MEMBERS; m = strtok_r(NULL, ",", &save))
		grp_mem[n++] = m;
	grp_mem[n] = NULL;
	grp_gr.gr_mem = grp_mem;
	return ok;
}

/* The first /etc/group entry with this name (name) or gid. */
static struct group *grp_find(const char *name, gid_t gid)
{
	int saved = errno;
	FILE *f = fopen("/etc/group", "r");

	if (!f)
		return NULL;
	while (fgets(grp_line, sizeof(grp_line), f)) {
		if (!grp_parse(grp_line))
			continue;
		if (name ? !strcmp(grp_gr.gr_name, name) : grp_gr.gr_gid == gid) {
			fclose(f);
			errno = saved;
			return &grp_gr;
		}
	}
	fclose(f);
	errno = saved;
	return NULL;
}

struct group *getgrgid(gid_t gid)
{
	return grp_find(NULL, gid);
}

struct group *getgrnam(const char *name)
{
	return grp_find(name, 0);
}
