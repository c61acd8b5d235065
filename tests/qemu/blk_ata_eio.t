DESC="ATA/IDE: a disk that fails reads and writes (QEMU blkdebug on the IDE bus) gives EIO, logged with device, sector and the ATA registers"
ENTRY=zero-ata
# A blank disk of 4096 sectors behind blkdebug: reads of sector 3000 and
# writes of sector 3001 fail with EIO (errno 5), every other access works.
blk_dir="${B:-build}/tests/qemu"
mkdir -p "$blk_dir"
dd if=/dev/zero of="$blk_dir/blk_ata_eio.img" bs=512 count=4096 2>/dev/null
cat >"$blk_dir/blk_ata_eio.cfg" <<'CFG'
[inject-error]
event = "read_aio"
errno = "5"
sector = "3000"

[inject-error]
event = "pwritev"
errno = "5"
sector = "3001"
CFG
QEMU_EXTRA="-boot d -drive file=blkdebug:$blk_dir/blk_ata_eio.cfg:$blk_dir/blk_ata_eio.img,if=ide,index=0,format=raw,rerror=report,werror=report"
APPEND="ktest=blkdev_eio ktest.disk=hda"
EXPECT_EXIT=pass
EXPECT="blkdev: hda: 4096 sectors of 512 bytes (2 MiB)
ata: hda: read at sector 3000: status 0x
blkdev: hda: read error at sector 3000 (1 sectors)
ata: hda: write at sector 3001: status 0x
blkdev: hda: write error at sector 3001 (1 sectors)
ktest: 1 passed, 0 failed, 0 skipped"
REJECT="refused:
panic:
no interrupt
ktest: not ok"
