/**
 * @file kern/blkdev.h
 * @brief The block-device switch: disks, their partitions and requests.
 * @ingroup core
 *
 * A driver fills a struct blkdev (name, sector size and count, ops) and
 * registers it; the core then reads its partition table (MBR or GPT) and
 * registers one child device per partition ("vda" -> "vda1", "vda2"...),
 * whose requests it translates to the parent. Requests are asynchronous
 * (blkdev_submit(): the driver calls blkreq::done once, maybe from its
 * interrupt handler); blkdev_rw() and blkdev_rwv() are the synchronous
 * forms that split a transfer into requests, keep several of them in
 * flight and sleep until all are over. A request's memory is a list of
 * segments (struct blkseg: a buffer cache's blocks, each a page of its
 * own, go to the disk in one request without a copy). Errors reach the caller as -EIO and are
 * logged with the device and the sector. See doc/storage-devices.md.
 *
 * Devices are registered once and never go away (no hot unplug yet).
 *
 * User space sees each device as a block special file /dev/NAME whose
 * number is DEV_MAKE(BLKDEV_MAJOR, index) (the io module makes the nodes,
 * told of every device through blkdev_watch()).
 */
#ifndef KERN_BLKDEV_H_
#define KERN_BLKDEV_H_

#include <stddef.h>
#include <stdint.h>

/** The version of struct blkdev_ops this core speaks. */
#define BLKDEV_OPS_VERSION 2
/** Longest device name, with the NUL. */
#define BLKDEV_NAME_MAX 16
/** blkreq::write of a request that flushes the disk's volatile write cache. */
#define BLKREQ_FLUSH 2
/** blkdev::flags: the disk has a write cache the driver can flush (BLKREQ_FLUSH). */
#define BLKDEV_F_FLUSH 0x1
/** Devices (disks and partitions) the switch holds. */
#define BLKDEV_MAX 32
/**
 * The major number of every block device node: the minor is blkdev::index
 * (/dev/vda is 259,0 when vda registered first). 259 is Linux's
 * "block extended" major, so host tools print these nodes sensibly.
 */
#define BLKDEV_MAJOR 259

struct blkdev;

/** One piece of a request's memory. */
struct blkseg {
	void *buf;    /**< Kernel memory (any kernel address: direct map, heap, stack). */
	uint32_t len; /**< Bytes: a non-zero multiple of the sector size. */
};

/** One transfer of whole sectors between a device and kernel memory. */
struct blkreq {
	struct blkdev *bd; /**< The device (set by blkdev_submit: the disk, after translation). */
	uint64_t sector;   /**< First sector, in the device's sectors. */
	uint32_t count;	   /**< Sectors (at most blkdev::max_count); 0 for a flush. */
	int write;	   /**< 1: memory to disk, 0: disk to memory, BLKREQ_FLUSH: flush the
				disk's write cache (no data; drivers with BLKDEV_F_FLUSH). */
	void *buf;	   /**< Kernel memory of count * sector_size bytes (any kernel address),
				when nseg is 0. */
	/**
	 * The memory as segments, in order, their lengths summing to count *
	 * sector_size (at most blkdev::max_segs of them). blkdev_submit() sets
	 * a request given by buf (nseg 0) to its one segment, @ref one, so a
	 * driver always reads seg and nseg.
	 */
	const struct blkseg *seg;
	unsigned nseg;	   /**< Segments at seg. */
	struct blkseg one; /**< The segment of a request given by buf. */
	int status;	   /**< Set by the driver before done: 0 or -EIO. */
	/**
	 * @brief Called once by the driver when the transfer is over.
	 *
	 * Context: any, maybe the driver's interrupt handler: must not sleep.
	 * @param r the request (status set).
	 */
	void (*done)(struct blkreq *r);
	void *priv;	  /**< The submitter's. */
	uint64_t drv_tag; /**< The driver's (which slot of its queue). */
};

/** Operations of a block driver. */
struct blkdev_ops {
	uint32_t version; /**< BLKDEV_OPS_VERSION. */
	/**
	 * @brief Start a request (mandatory).
	 *
	 * The core has checked the range and the count. The driver may hold
	 * several requests in flight; when its queue is full it sleeps until a
	 * slot frees. Context: a thread that may sleep.
	 * @param bd the device. @param r the request.
	 * @return 0 started (done will be called), or a negative errno (done is
	 *         not called).
	 */
	int (*submit)(struct blkdev *bd, struct blkreq *r);
};

/** A block device: a disk, or a partition of one. */
struct blkdev {
	char name[BLKDEV_NAME_MAX];   /**< "vda", "vda1". */
	uint32_t sector_size;	      /**< Bytes per sector (512). */
	uint64_t sectors;	      /**< Size in sectors. */
	uint32_t max_count;	      /**< Largest request in sectors (0: no limit). */
	unsigned max_segs;	      /**< Most segments in a request (0: one). */
	const struct blkdev_ops *ops; /**< The driver (NULL for a partition). */
	void *priv;		      /**< The driver's. */
	struct blkdev *parent;	      /**< A partition's disk, NULL for a disk. */
	uint64_t start;		      /**< A partition's first sector on its disk. */
	unsigned index;		      /**< Set by blkdev_register: position in the switch. */
	unsigned flags;		      /**< BLKDEV_F_FLUSH, set by the driver. */
	uint64_t flushes;	      /**< Cache flushes done (blkdev_flush()). */
};

/**
 * @brief Register a disk and its partitions.
 *
 * Reads sector 0 (blkdev_rw()); an MBR with the 0x55AA signature gives one
 * child per primary partition of a non-zero type that fits on the disk
 * (one line each in the log); a protective MBR (type 0xEE) sends it to the
 * GPT (header and entry array checked by their CRC32; entry i gives child
 * i + 1). Context: a thread that may sleep.
 * @param bd the disk (stays valid): name, sector_size, sectors and ops set.
 * @retval 0 registered.
 * @retval -EINVAL bad fields or ops version.
 * @retval -EEXIST the name is taken.
 * @retval -ENOSPC the switch is full.
 */
int blkdev_register(struct blkdev *bd);

/**
 * @brief Find a device by name.
 * @param name "vda", "vda1"...
 * @return the device, or NULL.
 */
struct blkdev *blkdev_find(const char *name);

/**
 * @brief The @p i-th registered device.
 * @param i index from 0.
 * @return the device, or NULL past the last.
 */
struct blkdev *blkdev_get(unsigned i);

/**
 * @brief Start a request on a device (a partition's goes to its disk).
 * @param bd the device.
 * @param r the request: sector (relative to @p bd), count, write, done,
 *        and its memory: buf with nseg 0, or seg and nseg.
 * @retval 0 started: r->done will be called.
 * @retval -EINVAL count 0 or over max_count, the range passes the end, more
 *         segments than max_segs, or segment lengths that are not whole
 *         sectors or do not sum to the count.
 * @return another negative errno from the driver.
 */
int blkdev_submit(struct blkdev *bd, struct blkreq *r);

/**
 * @brief Read or write sectors and wait until it is done.
 *
 * blkdev_rwv() with one segment. Context: a thread that may sleep.
 * @param bd the device.
 * @param sector first sector (relative to @p bd).
 * @param buf kernel memory of count * sector_size bytes.
 * @param count sectors.
 * @param write 1: write @p buf, 0: read into it.
 * @retval 0 done.
 * @retval -EIO the device failed (logged with the device and sector).
 * @retval -EINVAL the range passes the end of the device.
 */
int blkdev_rw(struct blkdev *bd, uint64_t sector, void *buf, uint32_t count, int write);

/**
 * @brief Read or write sectors to or from a list of buffers and wait until
 *        it is done.
 *
 * Splits the transfer into requests of at most max_count sectors and
 * max_segs segments (a segment may be cut between two requests), keeps up
 * to BLKDEV_RW_INFLIGHT of them in flight and waits for all. Each request
 * that fails is logged with the device, the sector and the count.
 * Context: a thread that may sleep.
 * @param bd the device.
 * @param sector first sector (relative to @p bd).
 * @param seg the memory, in order: each length a non-zero multiple of the
 *        sector size; the sectors are the sum of the lengths.
 * @param nseg segments at @p seg (at least 1).
 * @param write 1: write the segments, 0: read into them.
 * @retval 0 done.
 * @retval -EIO the device failed (logged); for a read the memory is undefined.
 * @retval -EINVAL bad segments, or the range passes the end of the device.
 * Short of memory it goes one request at a time rather than fail (the
 * page daemon writes back through it to free memory).
 */
int blkdev_rwv(struct blkdev *bd, uint64_t sector, const struct blkseg *seg, unsigned nseg,
	       int write);

/** Requests blkdev_rwv() and blkdev_rw_runs() keep in flight at once. */
#define BLKDEV_RW_INFLIGHT 8

/** One range of sectors of blkdev_rw_runs() and its memory. */
struct blkdev_run {
	uint64_t sector;	  /**< First sector (relative to the device). */
	const struct blkseg *seg; /**< Its memory, in order (lengths: whole sectors). */
	unsigned nseg;		  /**< Segments at seg (at least 1). */
};

/**
 * @brief blkdev_rwv() of several ranges at once: their requests are
 *        submitted together (up to BLKDEV_RW_INFLIGHT in flight) and
 *        waited for together, so scattered runs of blocks cost one wait.
 *
 * Context: a thread that may sleep.
 * @param bd the device.
 * @param runs the ranges (in any order; each checked as by blkdev_rwv()).
 * @param nruns how many (at least 1).
 * @param write 1: write, 0: read.
 * @return 0, -EIO (each failed request logged) or -EINVAL.
 */
int blkdev_rw_runs(struct blkdev *bd, const struct blkdev_run *runs, unsigned nruns, int write);

/**
 * @brief Make every write the device completed durable: flush the disk's
 *        volatile write cache (a partition's goes to its disk) and wait.
 *
 * What a journal commit and fsync need: a completed write may sit in the
 * disk's cache (QEMU's writeback cache, a drive's own) until flushed. A
 * disk without a cache to flush (no BLKDEV_F_FLUSH) returns 0 at once.
 * Context: a thread that may sleep.
 * @param bd the device.
 * @retval 0 flushed (or nothing to flush).
 * @retval -EIO the flush failed (logged).
 */
int blkdev_flush(struct blkdev *bd);

/**
 * @brief Told of each device the switch gains (disk or partition).
 *
 * Context: the registering thread (may sleep), no lock of the switch held.
 * @param bd the new device.
 */
typedef void (*blkdev_watch_fn)(struct blkdev *bd);

/**
 * @brief Ask to be told of every device: those already registered (called
 *        at once, in index order) and each registered later.
 *
 * One watcher (the io module, which makes the /dev nodes); a second call
 * replaces it, NULL stops the calls. A device registered while this runs
 * may be reported twice. Context: a thread that may sleep.
 * @param fn the watcher, or NULL.
 */
void blkdev_watch(blkdev_watch_fn fn);

/**
 * @brief The device of a device number.
 * @param rdev a device number (Linux encoding) of major BLKDEV_MAJOR.
 * @return the device whose index is the minor, or NULL (another major,
 *         no such device).
 */
struct blkdev *blkdev_by_rdev(uint64_t rdev);

struct buf_dev;

/**
 * @brief Describe a block device to the buffer cache (kern/buf.h).
 *
 * Fills @p d so that its blocks of @p block_size bytes are the device's
 * sectors from 0 on (a last partial block is left out) and its rw()
 * calls blkdev_rw(). @p d must stay at its address while the cache holds
 * buffers of it (buf_sync() and buf_invalidate() it first). Context: any.
 * @param d the record to fill.
 * @param bd the device.
 * @param block_size a power of two, BUF_BLOCK_MIN..BUF_BLOCK_MAX, a multiple of
 *        the sector size.
 * @retval 0 done.
 * @retval -EINVAL a bad size.
 */
int blkdev_buf_init(struct buf_dev *d, struct blkdev *bd, uint32_t block_size);

#endif /* KERN_BLKDEV_H_ */
