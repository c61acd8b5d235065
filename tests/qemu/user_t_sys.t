DESC="t_sys as the first process (init=): sysctl procs/modules/log, scheduler statistics, priorities and the system tools all pass, QEMU leaves with 33"
ENTRY=zero
APPEND="init=/usr/tests/t_sys"
EXPECT_EXIT=pass
EXPECT="t_sys: 12 passed, 0 failed"
REJECT="ztest: not ok
ztest: FAIL
panic:
fatal trap"
