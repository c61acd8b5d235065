DESC="an NMI (the QEMU monitor's nmi) prints the thread report: every thread, its state, what a sleeper waits on and where it stopped; the system goes on"
ENTRY=zero
APPEND="init=/sbin/init"
EXPECT_EXIT=pass
TIMEOUT=90
SCRIPT='expect zero# 
send sleep 100 &\n
expect [1]
expect zero# 
sleep 300
monitor nmi
expect thread report (interrupted at 
expect idle
expect pid 1 
expect sleeping on 0x
expect proc_wait+
expect (tty_cons+
expect tty_read_loop+
expect  [io]
expect sleep\x27 sleeping on 0x
expect thr_sleep+
expect sys_nanosleep+
expect thread report: 
send kill %1; wait; echo alive\n
expect alive
expect zero# 
send poweroff\n'
REJECT="panic:
fatal trap"
