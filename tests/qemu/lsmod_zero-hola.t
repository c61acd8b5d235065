DESC="lsmod, top and ps (the scheduler's per-thread statistics) typed at the shell under menu entry zero-hola: the Zero scheduler, the zone allocator and the hola example provider are chosen"
ENTRY=zero-hola
SCHED=zero
# Rows in registry order (GRUB's), then the core's built-in providers; the
# Used column (*) marks the provider that runs each role.
EXPECT="Module       Role     Used Version       Size State
zone         mem      *   
tlsf         mem          
stride       sched        
hello        example      
hola         example  *   
zero         sched    *   "
REJECT="stride       sched    *   
tlsf         mem      *   
hello        example  *   "
. tests/qemu/lsmod_entry.inc
