/*
 * size: section sizes of ELF64 files in the Berkeley format of GNU size:
 *   text (allocated, read-only or code), data (allocated, writable, with
 *   contents), bss (allocated, no contents), their sum in decimal and hex.
 *   size [-dx] [file...]   (a.out when none); -x sizes in hex.
 * Exit 1 if a file could not be read, 3 if one is not ELF64 (as GNU).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SIZE_SHT_NOBITS	   8
#define SIZE_SHF_WRITE	   0x1
#define SIZE_SHF_ALLOC	   0x2
#define SIZE_SHF_EXECINSTR 0x4

/* The parts of the ELF64 file and section headers that size reads. */
struct size_ehdr {
	unsigned char ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct size_shdr {
	uint32_t name, type;
	uint64_t flags, addr, offset, size;
	uint32_t link, info;
	uint64_t addralign, entsize;
};

static int size_hex, size_header;

static int size_read(int fd, void *buf, size_t n, off_t off)
{
	char *p = buf;

	if (lseek(fd, off, SEEK_SET) != off)
		return -1;
	while (n > 0) {
		ssize_t r = read(fd, p, n);
		if (r <= 0)
			return -1;
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

/* Sum the sections of @fd into t[0] text, t[1] data, t[2] bss. */
static int size_sections(int fd, unsigned long long t[3])
{
	struct size_ehdr eh;
	struct size_shdr sh;

	if (size_read(fd, &eh, sizeof(eh), 0) != 0 || memcmp(eh.ident, "\177ELF", 4) ||
	    eh.ident[4] != 2 || eh.ident[5] != 1 || eh.shentsize != sizeof(sh))
		return -1;
	for (unsigned int i = 0; i < eh.shnum; i++) {
		if (size_read(fd, &sh, sizeof(sh), (off_t)(eh.shoff + (uint64_t)i * sizeof(sh))))
			return -1;
		if (!(sh.flags & SIZE_SHF_ALLOC))
			continue;
		if (sh.type == SIZE_SHT_NOBITS)
			t[2] += sh.size;
		else if (!(sh.flags & SIZE_SHF_WRITE) || (sh.flags & SIZE_SHF_EXECINSTR))
			t[0] += sh.size;
		else
			t[1] += sh.size;
	}
	return 0;
}

static int size_file(const char *path)
{
	unsigned long long t[3] = { 0, 0, 0 }, sum;
	int fd = open(path, O_RDONLY), r;

	if (fd < 0) {
		fprintf(stderr, "size: '%s': %s\n", path, strerror(errno));
		return 1;
	}
	r = size_sections(fd, t);
	close(fd);
	if (r != 0) {
		fprintf(stderr, "size: %s: file format not recognized\n", path);
		return 3; /* as GNU size */
	}
	sum = t[0] + t[1] + t[2];
	if (!size_header++)
		printf("   text\t   data\t    bss\t    dec\t    hex\tfilename\n");
	if (size_hex)
		printf("%#7llx\t%#7llx\t%#7llx\t", t[0], t[1], t[2]);
	else
		printf("%7llu\t%7llu\t%7llu\t", t[0], t[1], t[2]);
	printf("%7llu\t%7llx\t%s\n", sum, sum, path);
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0, c;

	while ((c = getopt(argc, argv, "dxB")) != -1) {
		if (c == 'x')
			size_hex = 1;
		else if (c == 'd')
			size_hex = 0;
		else if (c != 'B') {
			fprintf(stderr, "usage: size [-dx] [file...]\n");
			return 1;
		}
	}
	for (int i = optind; i < argc || (i == optind && i == argc); i++) {
		status |= size_file(i < argc ? argv[i] : "a.out");
	}
	return status;
}
