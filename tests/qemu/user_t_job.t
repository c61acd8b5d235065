DESC="t_job as the first process: stop/continue, wait WUNTRACED/WCONTINUED, groups, sessions, orphans, restarted calls"
ENTRY=zero
APPEND="init=/usr/tests/t_job"
EXPECT_EXIT=pass
EXPECT="t_job: 8 passed, 0 failed"
REJECT="ztest: not ok
ztest: FAIL
panic:
fatal trap"
