/*
 * The page flusher: every 5 s it writes back what shared mappings of
 * files wrote (vfs_page_sync.c), as the buffer cache's flusher does for
 * buffers; and the cache's shrinker, which the page daemon asks for clean
 * pages when memory is short, and then to write back the written ones
 * (vfs_pc_writeback()) so that a second shrink can drop them. A thread of its own file, so that the
 * host tests of the VFS link the page cache without a scheduler.
 */
#include <stdint.h>

#include <kern/page.h>
#include <kern/printk.h>
#include <kern/thr.h>

#include "vfs_page.h"

#define VFS_PC_FLUSH_NS (5 * 1000000000ULL) /* the flusher's period */

static void vfs_pc_flusher(void *arg)
{
	(void)arg;
	for (;;) {
		thr_sleep_ns(VFS_PC_FLUSH_NS);
		vfs_pc_flush_mapped();
		/* To the disk (fsync): what it leaves in the buffer cache dirty could
		 * not go back under memory pressure until a commit. */
		if (vfs_pc_flush_dirty(1))
			printk("io: writing back mapped file pages failed\n");
	}
}

static const struct page_shrinker vfs_pc_shrinker = {
	.name = "page cache",
	.shrink = vfs_pc_shrink,
	.writeback = vfs_pc_writeback,
};

void vfs_page_init(void)
{
	if (page_shrinker_add(&vfs_pc_shrinker) != 0)
		printk("io: the page cache is not shrunk by the page daemon\n");
	if (thr_create("pageflush", vfs_pc_flusher, NULL, THR_CLASS_USER, 0) == NULL)
		printk("io: no memory for the page flusher: mapped pages wait for sync\n");
}
