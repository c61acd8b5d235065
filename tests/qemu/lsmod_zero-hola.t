DESC="lsmod as the first process under menu entry zero-hola: the Zero scheduler, the zone allocator and the hola example provider are chosen"
ENTRY=zero-hola
APPEND="init=/bin/lsmod"
EXPECT_EXIT=pass
# Rows in registry order (GRUB's), then the core's built-in providers; the
# Used column (*) marks the provider that runs each role.
EXPECT="Module       Role     Used Version       Size State
zone         mem      *   
tlsf         mem          
stride       sched        
hello        example      
hola         example  *   
zero         sched    *   
zero: first process lsmod (pid 1) exited 0"
REJECT="stride       sched    *   
tlsf         mem      *   
hello        example  *   
(none)
panic:
fatal trap"
