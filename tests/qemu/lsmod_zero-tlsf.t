DESC="lsmod, top and ps (the scheduler's per-thread statistics) typed at the shell under menu entry zero-tlsf: the built-in Zero scheduler and the TLSF allocator are the chosen providers"
ENTRY=zero-tlsf
SCHED=zero
# Rows in registry order (GRUB's), then the core's built-in providers; the
# Used column (*) marks the provider that runs each role.
EXPECT="Module       Role     Used Version       Size State
zone         mem          
tlsf         mem      *   
stride       sched        
zero         sched    *   "
REJECT="stride       sched    *   
zone         mem      *   "
. tests/qemu/lsmod_entry.inc
