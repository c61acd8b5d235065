# The in-guest suite with the tick at 10 kHz: forty times the preemption
# points of the default 250 Hz, so races between a thread and the one that
# preempts it show up in one run rather than one CI run in ten. It found
# two: vm_activate() preempted between vm_cur and the page tables (a
# parent's copyout then faulted for ever after its child's exit) and a
# continue preempted between p->stopped and its wait report (the stop
# report lost). A hang here ends with the thread report (logdiag.sh).
DESC="the in-guest suite with tmr.hz=10000 (preemption 40 times as often): no hang, every test passes"
ENTRY=zero
APPEND="init=/sbin/init init.INITTAB=/etc/inittab.suite tmr.hz=10000"
. tests/qemu/user_suite.inc
