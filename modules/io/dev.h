/**
 * @file dev.h
 * @brief The device switch of modules/io: character devices by number.
 * @ingroup io
 *
 * A device file is a vnode of type S_IFCHR whose @c rdev names a driver
 * registered here. Opening it gives a struct file whose fileops are the
 * VFS's (stat, close) around the driver's read, write and ioctl, found by
 * the device number on each call.
 */
#ifndef IO_DEV_H_
#define IO_DEV_H_

#include <stddef.h>
#include <stdint.h>

#include <kern/file.h>

/** The version of struct cdev_ops this switch speaks. */
#define CDEV_OPS_VERSION 1
/** Devices the switch holds. */
#define DEV_MAX 32

/**
 * @brief A device number from its major and minor (the Linux encoding).
 * @param ma major. @param mi minor.
 */
#define DEV_MAKE(ma, mi)                                                                           \
	((((uint64_t)(ma)&0xfffff000u) << 32) | (((uint64_t)(ma)&0xfffu) << 8) |                   \
	 (((uint64_t)(mi)&0xffffff00u) << 12) | ((uint64_t)(mi)&0xffu))

/**
 * @brief A character device driver.
 *
 * Calling context: a thread that may sleep; no lock of the VFS held. A
 * member may be NULL: read gives 0 (end of file), write -EINVAL, ioctl
 * -ENOTTY.
 */
struct cdev_ops {
	uint32_t version; /**< CDEV_OPS_VERSION. */
	const char *name; /**< For reports ("null", "console"). */
	/** @brief Read. @param f the open file (flags: O_NONBLOCK). @param uio out.
	 * @param off offset. @return bytes or -errno. */
	long (*read)(struct file *f, struct uio *uio, uint64_t off);
	/** @brief Write. @param f the file. @param uio in. @param off offset. @return bytes or
	 * -errno. */
	long (*write)(struct file *f, struct uio *uio, uint64_t off);
	/** @brief Control. @param f the file. @param cmd request. @param arg argument.
	 * @return a value or -errno. */
	long (*ioctl)(struct file *f, unsigned long cmd, uint64_t arg);
	/** @brief Is the device there for the caller? Asked at each open; 0
	 *  makes the open fail with -ENXIO (/dev/tty without a controlling
	 *  terminal). NULL: always. @return 1 or 0. */
	int (*present)(void);
};

/**
 * @brief Register a driver for one device number.
 * @param dev the number (DEV_MAKE). @param ops the driver (stays valid).
 * @retval 0 registered. @retval -EEXIST the number is taken. @retval -ENOSPC the switch is full.
 * @retval -EINVAL wrong version.
 */
int dev_register(uint64_t dev, const struct cdev_ops *ops);

/**
 * @brief The fileops of device files of a number, for an open.
 *
 * Context: the thread opening the file (the driver's cdev_ops::present
 * is asked about it).
 * @param dev the number.
 * @return the fileops, or NULL if no driver has that number or the
 *         device is not there for the caller.
 */
const struct fileops *dev_fileops(uint64_t dev);

/** @brief Register /dev/null, zero, full and kmsg. @return 0 or -errno. */
int dev_mem_init(void);
/** Device number of /dev/console: major. */
#define CONS_MAJOR 5
/** Device number of /dev/console: minor. */
#define CONS_MINOR 1

/**
 * @brief The fileops of block device files of a number, for an open (blk_dev.c).
 *
 * The file reads and writes the raw device (kern/blkdev.h) at any offset
 * and length; lseek, fstat, fsync and ioctl(BLKGETSIZE64, BLKGETSIZE,
 * BLKSSZGET) work.
 * @param rdev the number: DEV_MAKE(BLKDEV_MAJOR, index).
 * @return the fileops, or NULL if no block device has that number.
 */
const struct fileops *blk_dev_fileops(uint64_t rdev);

/**
 * @brief Make /dev/NAME (S_IFBLK, 0600, root) for every block device
 *        registered, now and later (blkdev_watch()). Called once the root
 *        and its devfs are mounted. Context: a thread that may sleep.
 */
void blk_dev_start(void);

/** @brief Forget every driver (host tests). */
void dev_reset(void);

#endif /* IO_DEV_H_ */
