DESC="the first process exits with children still running (and an orphan given to it): the run still ends with its status"
ENTRY=zero
APPEND="init=/usr/tests/t_orphan"
EXPECT_EXIT=pass
EXPECT="t_orphan: 2 passed, 0 failed"
REJECT="ztest: not ok
ztest: FAIL
panic:
fatal trap"
