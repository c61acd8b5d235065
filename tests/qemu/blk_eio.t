DESC="virtio-blk: a disk that fails reads and writes (QEMU blkdebug) gives EIO, logged with device and sector"
ENTRY=zero
# A blank disk of 4096 sectors behind blkdebug: reads of sector 3000 and
# writes of sector 3001 fail with EIO (errno 5), every other access works.
blk_dir="${B:-build}/tests/qemu"
mkdir -p "$blk_dir"
dd if=/dev/zero of="$blk_dir/blk_eio.img" bs=512 count=4096 2>/dev/null
cat >"$blk_dir/blk_eio.cfg" <<'CFG'
[inject-error]
event = "read_aio"
errno = "5"
sector = "3000"

[inject-error]
event = "pwritev"
errno = "5"
sector = "3001"
CFG
QEMU_EXTRA="-boot d -drive file=blkdebug:$blk_dir/blk_eio.cfg:$blk_dir/blk_eio.img,if=none,id=d0,format=raw,rerror=report,werror=report -device virtio-blk-pci,drive=d0"
APPEND="ktest=blkdev_eio"
EXPECT_EXIT=pass
EXPECT="blkdev: vda: 4096 sectors of 512 bytes (2 MiB)
blkdev: vda: read error at sector 3000 (1 sectors)
blkdev: vda: write error at sector 3001 (1 sectors)
ktest: 1 passed, 0 failed, 0 skipped"
REJECT="refused:
panic:
ktest: not ok"
