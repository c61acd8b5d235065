# ATA/IDE disks (bus-master DMA or PIO, interrupt driven): the alternate disk driver, a leaf
# module registering with the core's PCI registry and block-device switch
# (kern/pci.h, kern/blkdev.h) like virtio_blk.
MODULE := ata
SRCS := ata.c ata_io.c ata_dma.c
