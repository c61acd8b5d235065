/* Shared by the block-device switch's files (not part of the SDK). */
#ifndef CORE_BLKDEV_PRIV_H_
#define CORE_BLKDEV_PRIV_H_

#include <stdint.h>

#include <kern/blkdev.h>

/* Put a device into the switch without a partition scan: 0 or -errno. */
int blkdev_add(struct blkdev *bd);

/* Read sector 0 of a disk and register its MBR partitions (logs each). */
void blkdev_scan_mbr(struct blkdev *disk);

/* Register partition @p n of @p disk ("<disk><n>"), logging it with @p what
 * ("type 0x83", "GPT"); a range past the end is refused with a warning. */
int blkdev_add_part(struct blkdev *disk, unsigned n, uint64_t start, uint64_t count,
		    const char *what);

/* Read the GPT of a disk whose MBR is protective and register its partitions. */
void blkdev_scan_gpt(struct blkdev *disk);

#endif /* CORE_BLKDEV_PRIV_H_ */
