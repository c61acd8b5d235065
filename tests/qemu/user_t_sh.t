DESC="t_sh (the shell from the outside) as the first process (init=): all its tests pass, QEMU leaves with 33"
ENTRY=zero
APPEND="init=/usr/tests/t_sh"
EXPECT_EXIT=pass
EXPECT="t_sh: 16 passed, 0 failed"
REJECT="ztest: not ok
ztest: FAIL
panic:
fatal trap"
