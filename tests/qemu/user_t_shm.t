DESC="t_shm as the first process (init=): System V segments, POSIX shm objects, SIGSEGV/SIGBUS faults, ipcs -m/ipcrm -m, the shm demo and no leaks; all pass, QEMU leaves with 33"
ENTRY=zero
APPEND="init=/usr/tests/t_shm"
EXPECT_EXIT=pass
EXPECT="t_shm: 12 passed, 0 failed"
REJECT="ztest: not ok
ztest: FAIL
panic:
fatal trap"
