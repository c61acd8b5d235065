DESC="t_ipc as the first process (init=): FIFOs, System V messages and semaphores, ipcs/ipcrm and the demos; all pass, QEMU leaves with 33"
ENTRY=zero
APPEND="init=/usr/tests/t_ipc"
EXPECT_EXIT=pass
EXPECT="t_ipc: 18 passed, 0 failed"
REJECT="ztest: not ok
ztest: FAIL
panic:
fatal trap"
