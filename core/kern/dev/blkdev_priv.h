/* Shared by the block-device switch's files (not part of the SDK). */
#ifndef CORE_BLKDEV_PRIV_H_
#define CORE_BLKDEV_PRIV_H_

#include <kern/blkdev.h>

/* Put a device into the switch without a partition scan: 0 or -errno. */
int blkdev_add(struct blkdev *bd);

/* Read sector 0 of a disk and register its MBR partitions (logs each). */
void blkdev_scan_mbr(struct blkdev *disk);

#endif /* CORE_BLKDEV_PRIV_H_ */
