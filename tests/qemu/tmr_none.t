DESC="without the tmr module boot completes without preemption, saying so, and timed self-tests skip with a reason"
ENTRY=zero
OMIT=tmr
APPEND="ktest=all"
EXPECT_EXIT=pass
EXPECT="sched: zero scheduler (built in), no tmr provider: threads switch only when they block or yield
ktest: skipped: needs tmr_hz() > 0
 - sched_class_order # SKIP
passed, 0 failed,"
TIMEOUT=90
