DESC="make run DISKIF=ide's way: entry zero-ata boots from an ext3 disk on the IDE bus (root=LABEL=zero-root), a file written at the shell is on the image after poweroff, which leaves it clean"
ENTRY=zero-ata
DISKIF=ide
DEV=hda
. tests/qemu/root_disk.inc
