DESC="root on disk: root=/dev/vda mounts an ext2 image made by mke2fs -d as /, init comes from it, a file written and synced there is on the image (debugfs; e2fsck -fn clean), and a second disk mounts with mount -t ext2"
ENTRY=zero
# The root: the built root tree plus files only the disk has (the init
# program is /sbin/diskinit, which the initramfs lacks). The second disk: a
# small 1 KiB-block ext2.
dir="${B:-build}/tests/qemu/ext2_root.disks"
rm -rf "$dir" && mkdir -p "$dir"
cp -R "${B:-build}/root" "$dir/tree"
mkdir -p "$dir/tree/mnt" "$dir/small"
cp "$dir/tree/usr/tests/t_ext2" "$dir/tree/sbin/diskinit"
cp "$dir/tree/usr/tests/t_ext2" "$dir/tree/sbin/diskinit.old"
echo "on the disk" >"$dir/tree/ondisk"
echo "remove me" >"$dir/tree/removeme"
echo hello >"$dir/small/hello"
mke2fs -q -F -t ext2 -b 4096 -L ext2-root-test -d "$dir/tree" "$dir/root.img" 32M >/dev/null
mke2fs -q -F -t ext2 -b 1024 -d "$dir/small" "$dir/second.img" 2M >/dev/null
QEMU_EXTRA="-boot d -drive file=$dir/root.img,if=none,id=d0,format=raw -device virtio-blk-pci,drive=d0 -drive file=$dir/second.img,if=none,id=d1,format=raw -device virtio-blk-pci,drive=d1"
APPEND="root=/dev/vda init=/sbin/diskinit"
EXPECT_EXIT=pass
EXPECT="virtio-blk: 2 disks
root: vda (ext2, 4096-byte blocks, label ext2-root-test) mounted read-write as /
t_ext2: 3 passed, 0 failed"
REJECT="ztest: not ok
ztest: FAIL
corrupt file system
panic:
fatal trap"
CHECK="e2fsck -fn '$dir/root.img' >/dev/null 2>&1 || { echo 'e2fsck -fn: the root image is not clean'; exit 1; }
e2fsck -fn '$dir/second.img' >/dev/null 2>&1 || { echo 'e2fsck -fn: the second image is not clean'; exit 1; }
debugfs -R 'cat /persist' '$dir/root.img' 2>/dev/null | grep -qx 'written by zero on its ext2 root' || { echo '/persist is not on the image'; exit 1; }
debugfs -R 'stat /newdir/moved' '$dir/root.img' 2>/dev/null | grep -q 'Type: regular' || { echo '/newdir/moved is not on the image'; exit 1; }
debugfs -R 'cat /fromzero' '$dir/second.img' 2>/dev/null | grep -qx 'second disk' || { echo '/fromzero is not on the second disk'; exit 1; }"
