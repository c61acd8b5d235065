DESC="ATA/IDE without DMA (ata:dma=0): the disk of blk_ata moved by PIO, MBR partition hda1, reads, writes, requests at once (the CD-ROM is skipped)"
ENTRY=zero-ata
OMIT=ata
MODULES=ata:dma=0
# The disk of blk_virtio.t: 4096 sectors, a marker in sector 0 with an MBR
# (partition 1 of type 0x83 at sectors 2048-4095) and a marker in the
# partition's first sector.
blk_img="${B:-build}/tests/qemu/blk_ata_pio.img"
mkdir -p "$(dirname "$blk_img")"
dd if=/dev/zero of="$blk_img" bs=512 count=4096 2>/dev/null
printf 'zero-disk:sector0' | dd of="$blk_img" conv=notrunc 2>/dev/null
printf '\000\000\000\000\203\000\000\000\000\010\000\000\000\010\000\000' |
	dd of="$blk_img" bs=1 seek=446 conv=notrunc 2>/dev/null
printf '\125\252' | dd of="$blk_img" bs=1 seek=510 conv=notrunc 2>/dev/null
printf 'zero-part1:sector0' | dd of="$blk_img" bs=512 seek=2048 conv=notrunc 2>/dev/null
# -boot d: the firmware boots the CD, not the disk (whose MBR has a signature).
QEMU_EXTRA="-boot d -drive file=$blk_img,if=ide,index=0,format=raw"
APPEND="ktest=blkdev_read,blkdev_write,blkdev_inflight,blkdev_flush ktest.disk=hda ktest.flush=0"
EXPECT_EXIT=pass
EXPECT="pci: 
 8086:7010 
ata: hda: QEMU HARDDISK, 4096 sectors, LBA48, ports 0x1f0/0x3f6, irq 14
blkdev: hda: 4096 sectors of 512 bytes (2 MiB)
blkdev: hda1: sectors 2048-4095, type 0x83
ata: channel 0x1f0: PIO
ata: 1 disk on 1 controller
ktest: hda has 4096 sectors
ktest: 4 passed, 0 failed, 0 skipped"
REJECT="refused:
probe failed
hdc
ktest: not ok
panic:"
