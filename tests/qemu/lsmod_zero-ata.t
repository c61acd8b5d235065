DESC="lsmod, top and ps (the scheduler's per-thread statistics) typed at the shell under menu entry zero-ata: the ata disk driver is loaded instead of virtio_blk"
ENTRY=zero-ata
SCHED=zero
# Rows in registry order (GRUB's), then the core's built-in providers; the
# Used column (*) marks the provider that runs each role.
EXPECT="Module       Role     Used Version       Size State
zone         mem      *   
tlsf         mem          
stride       sched        
ata          ata      *   
zero         sched    *   "
REJECT="stride       sched    *   
tlsf         mem      *   
virtio_blk"
. tests/qemu/lsmod_entry.inc
