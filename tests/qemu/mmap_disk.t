DESC="file mappings on ext2: t_mmap's tests on an ext3 disk (4 KiB blocks, journal) and an ext2 disk (1 KiB blocks) mounted on /mnt, umount is EBUSY while a file is mapped, and a file written only through a mapping and msync'ed is on each image (debugfs), which e2fsck -fn finds clean"
ENTRY=zero
dir="${B:-build}/tests/qemu/mmap_disk.disks"
rm -rf "$dir" && mkdir -p "$dir/empty"
mke2fs -q -F -t ext3 -b 4096 -L mmap-a -d "$dir/empty" "$dir/a.img" 24M >/dev/null
mke2fs -q -F -t ext2 -b 1024 -L mmap-b -d "$dir/empty" "$dir/b.img" 8M >/dev/null
QEMU_EXTRA="-drive file=$dir/a.img,if=none,id=d0,format=raw -device virtio-blk-pci,drive=d0 -drive file=$dir/b.img,if=none,id=d1,format=raw -device virtio-blk-pci,drive=d1"
APPEND="root=ram init=/usr/tests/t_mmap init.T_MMAP_DISKS=/dev/vda,/dev/vdb"
EXPECT_EXIT=pass
EXPECT="t_mmap: 13 passed, 0 failed
t_mmap_vda: 13 passed, 0 failed
t_mmap_vdb: 13 passed, 0 failed"
REJECT="ztest: not ok
ztest: FAIL
t_mmap_vd.: cannot mount
did not say EBUSY
msync/munmap/umount
panic:
fatal trap"
CHECK="python3 -c 'import sys; sys.stdout.write(\"\".join(chr(97 + (i * 7 + i // 13) % 26) for i in range(8192)))' >'$dir/want'
for img in a b; do
e2fsck -fn \"$dir/\$img.img\" >/dev/null 2>&1 || { echo \"e2fsck -fn: \$img.img is not clean\"; exit 1; }
debugfs -R 'dump /mapped $dir/got.'\$img \"$dir/\$img.img\" >/dev/null 2>&1
cmp -s '$dir/want' \"$dir/got.\$img\" || { echo \"/mapped on \$img.img does not hold what the mapping wrote\"; exit 1; }
done"
