DESC="lsmod, top and ps (the scheduler's per-thread statistics) typed at the shell under menu entry zero: the built-in Zero scheduler and the zone allocator are the chosen providers"
ENTRY=zero
SCHED=zero
# Rows in registry order (GRUB's), then the core's built-in providers; the
# Used column (*) marks the provider that runs each role.
EXPECT="Module       Role     Used Version       Size State
zone         mem      *   
tlsf         mem          
stride       sched        
zero         sched    *   "
REJECT="stride       sched    *   
tlsf         mem      *   "
. tests/qemu/lsmod_entry.inc
