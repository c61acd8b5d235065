DESC="virtio-blk without indirect descriptors (QEMU indirect_desc=off): the tests of blk_virtio through chained descriptors and bounce buffers, one segment of 32 KiB per request"
ENTRY=zero
# The disk: 4096 sectors, a marker in sector 0 with an MBR (partition 1 of
# type 0x83 at sectors 2048-4095) and a marker in the partition's first sector.
blk_img="${B:-build}/tests/qemu/blk_virtio_chain.img"
mkdir -p "$(dirname "$blk_img")"
dd if=/dev/zero of="$blk_img" bs=512 count=4096 2>/dev/null
printf 'zero-disk:sector0' | dd of="$blk_img" conv=notrunc 2>/dev/null
printf '\000\000\000\000\203\000\000\000\000\010\000\000\000\010\000\000' |
	dd of="$blk_img" bs=1 seek=446 conv=notrunc 2>/dev/null
printf '\125\252' | dd of="$blk_img" bs=1 seek=510 conv=notrunc 2>/dev/null
printf 'zero-part1:sector0' | dd of="$blk_img" bs=512 seek=2048 conv=notrunc 2>/dev/null
# -boot d: the firmware boots the CD, not the disk (whose MBR has a signature).
QEMU_EXTRA="-boot d -drive file=$blk_img,if=none,id=d0,format=raw -device virtio-blk-pci,drive=d0,indirect_desc=off"
APPEND="ktest=blkdev_read,blkdev_write,blkdev_inflight,blkdev_segments,blkdev_flush"
EXPECT_EXIT=pass
EXPECT="pci: 00:00.0 8086:1237 host bridge
 1af4:1001 virtio-blk, irq 
virtio-blk: vda: 
, 4096 sectors, irq 
, up to 32 KiB in 1 segment each
blkdev: vda: 4096 sectors of 512 bytes (2 MiB)
blkdev: vda1: sectors 2048-4095, type 0x83
virtio-blk: 1 disk
ktest: vda has 4096 sectors
ktest: 5 passed, 0 failed, 0 skipped"
REJECT="refused:
probe failed
ktest: not ok"
