DESC="block device files: /dev/vda and /dev/vda1 (major 259), reads and writes at any offset, the end, ioctl, ls/stat/hexdump/dd (user/tests/t_blk.c)"
ENTRY=zero
# The disk: 4096 sectors whose byte at offset o is o % 251, with an MBR
# (bytes 446-511: partition 1 of type 0x83 at sectors 2048-4095).
blk_img="${B:-build}/tests/qemu/blk_node.img"
mkdir -p "$(dirname "$blk_img")"
perl -e 'print map { chr($_ % 251) } 0 .. 4096 * 512 - 1' >"$blk_img"
dd if=/dev/zero of="$blk_img" bs=1 seek=446 count=66 conv=notrunc 2>/dev/null
printf '\000\000\000\000\203\000\000\000\000\010\000\000\000\010\000\000' |
	dd of="$blk_img" bs=1 seek=446 conv=notrunc 2>/dev/null
printf '\125\252' | dd of="$blk_img" bs=1 seek=510 conv=notrunc 2>/dev/null
QEMU_EXTRA="-boot d -drive file=$blk_img,if=none,id=d0,format=raw -device virtio-blk-pci,drive=d0"
APPEND="init=/usr/tests/t_blk"
EXPECT_EXIT=pass
EXPECT="blkdev: vda1: sectors 2048-4095, type 0x83
t_blk: brw------- 
t_blk: 7 passed, 0 failed"
REJECT="ztest: not ok
ztest: FAIL
panic:
fatal trap
io: /dev/"
