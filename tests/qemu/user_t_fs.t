DESC="t_fs as the first process (init=): file attributes, links and file systems, all pass, QEMU leaves with 33"
ENTRY=zero
APPEND="init=/usr/tests/t_fs"
EXPECT_EXIT=pass
EXPECT="t_fs: 11 passed, 0 failed"
REJECT="ztest: not ok
ztest: FAIL
panic:
fatal trap"
