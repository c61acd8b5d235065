DESC="t_event as the first process on an ext3 disk root (virtio): the same events, rename pairs, limits and errors when /tmp is ext2; the image is clean afterwards"
ENTRY=zero
dir="${B:-build}/tests/qemu/user_t_event_ext2.disk"
rm -rf "$dir" && mkdir -p "$dir"
cp -R "${B:-build}/root" "$dir/tree"
mke2fs -q -F -t ext3 -L zero-root -E root_owner=0:0 -d "$dir/tree" "$dir/disk.img" 64M >/dev/null
QEMU_EXTRA="-boot d -drive file=$dir/disk.img,if=none,id=d0,format=raw -device virtio-blk-pci,drive=d0"
APPEND="init=/usr/tests/t_event"
EXPECT_EXIT=pass
EXPECT="root: vda (ext2, 1024-byte blocks, label zero-root) mounted read-write as /
t_event: 12 passed, 0 failed"
REJECT="ztest: not ok
ztest: FAIL
panic:
fatal trap
corrupt file system"
CHECK="e2fsck -fn '$dir/disk.img' >'$dir/e2fsck.log' 2>&1 || { echo 'e2fsck -fn: the image is not clean'; tail -5 '$dir/e2fsck.log'; exit 1; }"
