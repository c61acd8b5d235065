DESC="the in-guest suite under /sbin/init with the zone allocator in debug mode (red zones, poisoning, double-free checks)"
ENTRY=zero
APPEND="init=/sbin/init zone.debug"
EXPECT_EXIT=pass
EXPECT="t_basic: 6 passed, 0 failed
init: /usr/tests/t_basic: exited 0
t_string: 6 passed, 0 failed
init: /usr/tests/t_string: exited 0
t_printf: 5 passed, 0 failed
init: /usr/tests/t_printf: exited 0
t_malloc: 5 passed, 0 failed
init: /usr/tests/t_malloc: exited 0
t_setjmp: 3 passed, 0 failed
init: /usr/tests/t_setjmp: exited 0
t_pthread: 5 passed, 0 failed
init: /usr/tests/t_pthread: exited 0
t_proc: 11 passed, 0 failed
init: /usr/tests/t_proc: exited 0
init: done, 0 program(s) failed"
REJECT="ztest: not ok
ztest: FAIL
killed by signal
panic:
fatal trap"
TIMEOUT=120
