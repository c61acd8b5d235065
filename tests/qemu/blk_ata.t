DESC="ATA/IDE: the PCI IDE controller, a disk on the primary master (hda) moved by bus-master DMA, MBR partition hda1, reads, writes, requests at once (the CD-ROM is skipped)"
ENTRY=zero-ata
ata_name=blk_ata ata_mode="bus-master DMA"
. tests/qemu/blk_ata.inc
