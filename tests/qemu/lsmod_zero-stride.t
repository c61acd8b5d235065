DESC="lsmod, top and ps (the scheduler's per-thread statistics) typed at the shell under menu entry zero-stride: the stride scheduler module and the zone allocator are the chosen providers (no built-in scheduler row)"
ENTRY=zero-stride
SCHED=stride
# Rows in registry order (GRUB's), then the core's built-in providers; the
# Used column (*) marks the provider that runs each role.
EXPECT="Module       Role     Used Version       Size State
zone         mem      *   
tlsf         mem          
stride       sched    *   "
REJECT="zero         sched        
tlsf         mem      *   "
. tests/qemu/lsmod_entry.inc
