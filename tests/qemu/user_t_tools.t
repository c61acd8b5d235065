DESC="t_tools as the first process (init=): the text tools run through fork, exec and pipes give their exact output, QEMU leaves with 33"
ENTRY=zero
APPEND="init=/usr/tests/t_tools"
EXPECT_EXIT=pass
EXPECT="t_tools: 11 passed, 0 failed"
REJECT="ztest: not ok
ztest: FAIL
panic:
fatal trap"
