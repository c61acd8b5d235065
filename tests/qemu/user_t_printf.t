DESC="t_printf as the first process (init=): all its tests pass, QEMU leaves with 33"
ENTRY=zero
APPEND="init=/usr/tests/t_printf"
EXPECT_EXIT=pass
EXPECT="t_printf: 5 passed, 0 failed"
REJECT="ztest: not ok
ztest: FAIL
panic:
fatal trap"
