DESC="lsmod as the first process under menu entry zero-tlsf: the built-in Zero scheduler and the TLSF allocator are the chosen providers"
ENTRY=zero-tlsf
APPEND="init=/bin/lsmod"
EXPECT_EXIT=pass
# Rows in registry order (GRUB's), then the core's built-in providers; the
# Used column (*) marks the provider that runs each role.
EXPECT="Module       Role     Used Version       Size State
zone         mem          
tlsf         mem      *   
stride       sched        
zero         sched    *   
zero: first process lsmod (pid 1) exited 0"
REJECT="stride       sched    *   
zone         mem      *   
(none)
panic:
fatal trap"
