DESC="t_malloc as the first process (init=): all its tests pass, QEMU leaves with 33"
ENTRY=zero
APPEND="init=/usr/tests/t_malloc"
EXPECT_EXIT=pass
EXPECT="t_malloc: 5 passed, 0 failed"
REJECT="ztest: not ok
ztest: FAIL
panic:
fatal trap"
