# Files, devices and the console (role io): the VFS, ramfs, the root from
# the initramfs (cpio newc), the device switch, /dev/null, zero, full,
# kmsg, the block device files (/dev/vda...) and the terminals (the
# console, /dev/tty).
MODULE := io
SRCS := io_mod.c vfs_vnode.c vfs_namei.c vfs_mount.c vfs_root.c vfs_ops.c vfs_rename.c vfs_dir.c \
	vfs_file.c vfs_page.c vfs_page_sync.c vfs_page_thr.c vfs_attr.c vfs_fs.c vfs_rootdisk.c ramfs.c ramfs_data.c ramfs_fs.c cpio.c cpio_unpack.c dev.c dev_mem.c \
	blk_dev.c tty.c tty_ldisc.c tty_termios.c tty_cons.c kbd.c vfs_fifo.c \
	ev_queue.c ev_watch.c
