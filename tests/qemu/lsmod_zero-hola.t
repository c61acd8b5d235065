DESC="lsmod, top and ps (the scheduler's per-thread statistics) typed at the shell under menu entry zero-hola: the Zero scheduler, the zone allocator and the hola example provider are chosen"
ENTRY=zero-hola
APPEND="init=/sbin/init"
SCRIPT='expect zero# 
send lsmod\n
expect zero# 
send top -b -n 1 | head -3; ps -L -o pid,cls,pri,ni,rtime,switches,wait,comm\n
expect scheduler zero;
expect PID
expect zero# 
send poweroff\n'
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
zero: halting"
REJECT="stride       sched    *   
tlsf         mem      *   
hello        example  *   
(none)       sched
(none)       mem
panic:
fatal trap"
