DESC="virtio-blk: PCI enumeration finds the disk, MBR partition vda1, reads, writes, requests in flight, segments (indirect descriptor tables)"
ENTRY=zero
vblk_name=blk_virtio vblk_dev="" vblk_limits="512 KiB in 42 segments"
. tests/qemu/blk_virtio.inc
