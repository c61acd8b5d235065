DESC="ATA/IDE without DMA (ata:dma=0): the disk of blk_ata moved by PIO, MBR partition hda1, reads, writes, requests at once (the CD-ROM is skipped)"
ENTRY=zero-ata
OMIT=ata
MODULES=ata:dma=0
ata_name=blk_ata_pio ata_mode=PIO
. tests/qemu/blk_ata.inc
