/*
 * The memory devices (major 1, Linux numbers): /dev/null (reads end,
 * writes vanish), /dev/zero (reads zeros), /dev/full (reads zeros, writes
 * ENOSPC) and /dev/kmsg (reads the kernel log held in the printk ring, from
 * the offset the caller passes; writes go to the log as one message).
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/file.h>
#include <kern/mem.h>
#include <kern/printk.h>
#include <uapi/errno.h>

#include "dev.h"

#define DEV_MEM_MAJOR 1
#define DEV_KMSG_LINE 256

static char dev_zeros[512];

static long dev_zero_read(struct file *f, struct uio *uio, uint64_t off)
{
	long done = 0;

	(void)f;
	(void)off;
	while (uio->resid > 0) {
		long m = uio_move(dev_zeros, sizeof(dev_zeros), uio, 1);

		if (m < 0)
			return done ? done : m;
		done += m;
	}
	return done;
}

static long dev_null_write(struct file *f, struct uio *uio, uint64_t off)
{
	long n = (long)uio->resid;

	(void)f;
	(void)off;
	uio->base += uio->resid;
	uio->resid = 0;
	return n;
}

static long dev_full_write(struct file *f, struct uio *uio, uint64_t off)
{
	(void)f;
	(void)uio;
	(void)off;
	return -ENOSPC;
}

static long dev_kmsg_read(struct file *f, struct uio *uio, uint64_t off)
{
	char *log = mem_alloc(PRINTK_LOG_SIZE);
	size_t held;
	long n;

	(void)f;
	if (log == NULL)
		return -ENOMEM;
	held = printk_log_read(log, PRINTK_LOG_SIZE);
	n = off < held ? uio_move(log + off, held - (size_t)off, uio, 1) : 0;
	mem_free(log);
	return n;
}

static long dev_kmsg_write(struct file *f, struct uio *uio, uint64_t off)
{
	char line[DEV_KMSG_LINE];
	long n;

	(void)f;
	(void)off;
	n = uio_move(line, sizeof(line) - 1, uio, 0);
	if (n <= 0)
		return n;
	line[n] = '\0';
	printk("%s%s", line, line[n - 1] == '\n' ? "" : "\n");
	return n;
}

static const struct cdev_ops dev_null_ops = {
	.version = CDEV_OPS_VERSION,
	.name = "null",
	.write = dev_null_write,
};

static const struct cdev_ops dev_zero_ops = {
	.version = CDEV_OPS_VERSION,
	.name = "zero",
	.read = dev_zero_read,
	.write = dev_null_write,
};

static const struct cdev_ops dev_full_ops = {
	.version = CDEV_OPS_VERSION,
	.name = "full",
	.read = dev_zero_read,
	.write = dev_full_write,
};

static const struct cdev_ops dev_kmsg_ops = {
	.version = CDEV_OPS_VERSION,
	.name = "kmsg",
	.read = dev_kmsg_read,
	.write = dev_kmsg_write,
};

int dev_mem_init(void)
{
	int rc = dev_register(DEV_MAKE(DEV_MEM_MAJOR, 3), &dev_null_ops);

	if (rc == 0)
		rc = dev_register(DEV_MAKE(DEV_MEM_MAJOR, 5), &dev_zero_ops);
	if (rc == 0)
		rc = dev_register(DEV_MAKE(DEV_MEM_MAJOR, 7), &dev_full_ops);
	if (rc == 0)
		rc = dev_register(DEV_MAKE(DEV_MEM_MAJOR, 11), &dev_kmsg_ops);
	return rc;
}
