DESC="lsmod, top and ps (the scheduler's per-thread statistics) typed at the shell under menu entry zero: the built-in Zero scheduler and the zone allocator are the chosen providers"
ENTRY=zero
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
zero         sched    *   
zero: halting"
REJECT="stride       sched    *   
tlsf         mem      *   
(none)       sched
(none)       mem
panic:
fatal trap"
