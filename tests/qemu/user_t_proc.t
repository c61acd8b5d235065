DESC="t_proc as the first process (init=): all its tests pass, QEMU leaves with 33"
ENTRY=zero
APPEND="init=/usr/tests/t_proc"
EXPECT_EXIT=pass
EXPECT="t_proc: 16 passed, 0 failed"
REJECT="ztest: not ok
ztest: FAIL
panic:
fatal trap"
