DESC="the storage benchmark runs: /usr/bench/fsbench -q as the first process on a fresh ext3-format disk (mounts it, writes, reads after a remount, small files, a tree walk, umounts); the image is clean for e2fsck -fn afterwards. Nothing about speed is asserted (make bench prints the figures)"
ENTRY=zero
dir="${B:-build}/tests/qemu/fsbench_quick.disk"
rm -rf "$dir" && mkdir -p "$dir"
truncate -s 64M "$dir/fs.img"
mke2fs -q -F -t ext3 -b 4096 "$dir/fs.img" >/dev/null
QEMU_EXTRA="-boot d -drive file=$dir/fs.img,if=none,id=d1,format=raw,cache=unsafe -device virtio-blk-pci,drive=d1"
APPEND="root=ram init=/usr/bench/fsbench init.FSBENCH_QUICK=1 init.FSBENCH_DEV=/dev/vda init.FSBENCH_DIR=/mnt init.FSBENCH_TYPE=ext2"
EXPECT_EXIT=pass
EXPECT="fsbench: on /dev/vda (ext2) at /mnt
fsbench: sequential read 4 MiB, cache cold (remount)
fsbench: ls -lR walk, 200 files in 50 dirs, cache warm
fsbench: done"
REJECT="fsbench: failed
panic:
fatal trap"
CHECK="e2fsck -fn '$dir/fs.img' >/dev/null 2>&1 || { echo 'e2fsck -fn: the image fsbench wrote is not clean'; exit 1; }"
