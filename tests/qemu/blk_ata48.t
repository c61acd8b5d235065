DESC="ATA/IDE: LBA48 commands (ata:lba48=1), a disk on the secondary channel beside the CD-ROM (hdd, irq 15) and one on the primary (hda)"
ENTRY=zero-ata
OMIT=ata
MODULES=ata:lba48=1
# The disk of blk_ata.t on the secondary slave, a blank 1 MiB one on the primary master.
blk_dir="${B:-build}/tests/qemu"
blk_img="$blk_dir/blk_ata48.img"
. tests/qemu/blk_disk.inc
dd if=/dev/zero of="$blk_dir/blk_ata48_a.img" bs=512 count=2048 2>/dev/null
QEMU_EXTRA="-boot d -drive file=$blk_dir/blk_ata48_a.img,if=ide,index=0,format=raw -drive file=$blk_img,if=ide,index=3,format=raw"
APPEND="ktest=blkdev_read,blkdev_write,blkdev_inflight,blkdev_segments ktest.disk=hdd"
EXPECT_EXIT=pass
EXPECT="ata: hda: QEMU HARDDISK, 2048 sectors, LBA48, ports 0x1f0/0x3f6, irq 14
ata: hdd: QEMU HARDDISK, 4096 sectors, LBA48, ports 0x170/0x376, irq 15
blkdev: hdd1: sectors 2048-4095, type 0x83
ata: 2 disks on 1 controller (LBA48 commands only)
ktest: hdd has 4096 sectors
ktest: 4 passed, 0 failed, 0 skipped"
REJECT="refused:
probe failed
hdc
ktest: not ok
panic:"
