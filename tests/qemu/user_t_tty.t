TIMEOUT=120
DESC="t_tty as the first process (init=): the console's termios, VTIME, window size, /dev/tty, job control"
ENTRY=zero
APPEND="init=/usr/tests/t_tty"
EXPECT_EXIT=pass
EXPECT="t_tty: 8 passed, 0 failed"
REJECT="ztest: not ok
ztest: FAIL
panic:
fatal trap"
