/*
 * ttydrive_mon.c: the QEMU monitor for ttydrive: keys typed on the guest's
 * PS/2 keyboard with `sendkey`, and the VGA text screen read back with
 * `pmemsave` (the 80x25 cells at physical 0xb8000: character, attribute).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "ttydrive.h"

#define MON_COLS 80
#define MON_ROWS 25

static void mon_nap(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

int mon_open(const char *path)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	if (fd < 0 || strlen(path) >= sizeof(a.sun_path))
		return -1;
	strcpy(a.sun_path, path);
	for (int i = 0; i < 200; i++) {
		if (connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0)
			return fd;
		mon_nap(50);
	}
	close(fd);
	return -1;
}

static int mon_cmd(int fd, const char *cmd)
{
	char drain[4096];
	size_t n = strlen(cmd);

	if (write(fd, cmd, n) != (ssize_t)n)
		return -1;
	while (recv(fd, drain, sizeof(drain), MSG_DONTWAIT) > 0) /* the monitor's chatter */
		;
	return 0;
}

int mon_command(int fd, const char *cmd)
{
	char line[256];

	snprintf(line, sizeof(line), "%s\n", cmd);
	return mon_cmd(fd, line);
}

/* QEMU's key name of @c (with "shift-" for shifted characters), or NULL. */
static const char *mon_keyname(char c, char *buf, size_t len)
{
	static const char *const sym[][2] = {
		{ " ", "spc" },
		{ "\n", "ret" },
		{ "\t", "tab" },
		{ "-", "minus" },
		{ "=", "equal" },
		{ "/", "slash" },
		{ ".", "dot" },
		{ ",", "comma" },
		{ ";", "semicolon" },
		{ "'", "apostrophe" },
		{ "|", "shift-backslash" },
		{ ">", "shift-dot" },
		{ "<", "shift-comma" },
		{ "_", "shift-minus" },
		{ "*", "shift-8" },
		{ "$", "shift-4" },
		{ "&", "shift-7" },
		{ "\"", "shift-apostrophe" },
		{ "\b", "backspace" },
	};

	if (c >= 'a' && c <= 'z')
		snprintf(buf, len, "%c", c);
	else if (c >= 'A' && c <= 'Z')
		snprintf(buf, len, "shift-%c", c - 'A' + 'a');
	else if (c >= '0' && c <= '9')
		snprintf(buf, len, "%c", c);
	else if (c >= 1 && c <= 26 && c != '\n' && c != '\t' && c != '\b')
		snprintf(buf, len, "ctrl-%c", c - 1 + 'a');
	else {
		for (size_t i = 0; i < sizeof(sym) / sizeof(sym[0]); i++)
			if (sym[i][0][0] == c)
				return sym[i][1];
		return NULL;
	}
	return buf;
}

int mon_keys(int fd, const char *text, size_t n)
{
	char name[32], cmd[64];

	for (size_t i = 0; i < n; i++) {
		const char *k = mon_keyname(text[i], name, sizeof(name));

		if (k == NULL) {
			fprintf(stderr, "ttydrive: no key for byte %#x\n", (unsigned char)text[i]);
			return -1;
		}
		snprintf(cmd, sizeof(cmd), "sendkey %s 20\n", k);
		if (mon_cmd(fd, cmd) != 0)
			return -1;
		mon_nap(60); /* one key at a time: press and release seen apart */
	}
	return 0;
}

int mon_screen(int fd, const char *tmp, char *out, size_t len)
{
	unsigned char cells[MON_COLS * MON_ROWS * 2];
	char cmd[512];
	struct stat st;
	FILE *f;
	size_t o = 0;

	unlink(tmp);
	snprintf(cmd, sizeof(cmd), "pmemsave 0xb8000 %zu \"%s\"\n", sizeof(cells), tmp);
	if (mon_cmd(fd, cmd) != 0)
		return -1;
	for (int i = 0; i < 100 && (stat(tmp, &st) != 0 || st.st_size < (off_t)sizeof(cells)); i++)
		mon_nap(50);
	f = fopen(tmp, "rb");
	if (!f || fread(cells, 1, sizeof(cells), f) != sizeof(cells)) {
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	for (int r = 0; r < MON_ROWS && o + MON_COLS + 2 <= len; r++) {
		for (int c = 0; c < MON_COLS; c++) {
			unsigned char ch = cells[(r * MON_COLS + c) * 2];

			out[o++] = ch >= 32 && ch < 127 ? (char)ch : ' ';
		}
		out[o++] = '\n';
	}
	out[o] = '\0';
	return 0;
}
