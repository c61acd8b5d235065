DESC="t_event as the first process (init=): Zero event queues: file-system events on directories and files, rename pairs, messages between processes, the overflow at both limits, the errors, sharing and close, blocking and EINTR, O_NONBLOCK, SYSCTL_EVENT and no queue or watch left; all pass, QEMU leaves with 33"
ENTRY=zero
APPEND="init=/usr/tests/t_event"
EXPECT_EXIT=pass
EXPECT="t_event: 12 passed, 0 failed"
REJECT="ztest: not ok
ztest: FAIL
panic:
fatal trap"
