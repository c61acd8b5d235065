/*
 * mknod: make a special file.
 *   mknod [-m mode] name p              a FIFO;
 *   mknod [-m mode] name c|u|b major minor   a device file (root only).
 * Exit 1 on an error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int mknod_usage(void)
{
	fprintf(stderr, "usage: mknod [-m mode] name p | name c|b major minor\n");
	return 2;
}

/* The Linux encoding of a device number (as the kernel's DEV_MAKE). */
static dev_t mknod_dev(unsigned long ma, unsigned long mi)
{
	return (dev_t)(((ma & 0xfffff000ul) << 32) | ((ma & 0xfffu) << 8) |
		       ((mi & 0xffffff00ul) << 12) | (mi & 0xffu));
}

static int mknod_num(const char *s, unsigned long *out)
{
	char *end;

	*out = strtoul(s, &end, 0);
	return *s && !*end ? 0 : -1;
}

int main(int argc, char **argv)
{
	mode_t mode = 0666, type;
	unsigned long major = 0, minor = 0;
	int setmode = 0, c, n;
	char *end;

	while ((c = getopt(argc, argv, "m:")) != -1) {
		if (c != 'm')
			return mknod_usage();
		mode = (mode_t)strtoul(optarg, &end, 8);
		if (*end || end == optarg || mode > 07777) {
			fprintf(stderr, "mknod: invalid mode '%s'\n", optarg);
			return 1;
		}
		setmode = 1;
	}
	n = argc - optind;
	if (n < 2 || strlen(argv[optind + 1]) != 1)
		return mknod_usage();
	switch (argv[optind + 1][0]) {
	case 'p':
		type = S_IFIFO;
		if (n != 2)
			return mknod_usage();
		break;
	case 'b':
		type = S_IFBLK;
		goto dev;
	case 'c':
	case 'u':
		type = S_IFCHR;
	dev:
		if (n != 4 || mknod_num(argv[optind + 2], &major) ||
		    mknod_num(argv[optind + 3], &minor))
			return mknod_usage();
		break;
	default:
		return mknod_usage();
	}
	if (mknod(argv[optind], type | mode, mknod_dev(major, minor)) != 0) {
		fprintf(stderr, "mknod: %s: %s\n", argv[optind], strerror(errno));
		return 1;
	}
	if (setmode && chmod(argv[optind], mode) != 0) {
		fprintf(stderr, "mknod: %s: %s\n", argv[optind], strerror(errno));
		return 1;
	}
	return 0;
}
