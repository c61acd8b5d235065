DESC="virtio-blk without indirect descriptors (QEMU indirect_desc=off): the tests of blk_virtio through chained descriptors and bounce buffers, one segment of 32 KiB per request"
ENTRY=zero
vblk_name=blk_virtio_chain vblk_dev=",indirect_desc=off" vblk_limits="32 KiB in 1 segment"
. tests/qemu/blk_virtio.inc
