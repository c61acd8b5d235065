# The ext2 file system (role ext2): revision 1, 1, 2 and 4 KiB blocks, registered with the VFS.
MODULE := ext2
SRCS := ext2_mod.c ext2_super.c ext2_alloc.c ext2_inode.c ext2_ilife.c ext2_bmap.c ext2_file.c \
	ext2_dir.c ext2_readdir.c ext2_vnops.c ext2_tx.c ext2_journal.c ext2_pending.c ext2_orphan.c \
	jbd_load.c jbd_recover.c jbd_handle.c jbd_commit.c jbd_checkpoint.c jbd_thread.c jbd_csum.c
KDEPS := io
