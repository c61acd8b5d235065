# virtio-blk disks over PCI (virtio 1.x): a leaf module registering with the
# core's PCI registry and block-device switch (kern/pci.h, kern/blkdev.h).
MODULE := virtio_blk
SRCS := vblk.c vblk_queue.c virtio_pci.c
