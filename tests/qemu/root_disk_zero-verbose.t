DESC="make run's way under entry zero-verbose: it boots from an ext3 disk on virtio (root=LABEL=zero-root), a file written at the shell is on the image after poweroff, which leaves it clean"
ENTRY=zero-verbose
DISKIF=virtio
DEV=vda
. tests/qemu/root_disk.inc
