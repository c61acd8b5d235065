DESC="with tmr.pit the tick comes from the PIT, and timers and preemption still work"
ENTRY=zero
APPEND="tmr.pit ktest=sched_sleep_accuracy,tmr_periodic_callout,sched_preempts_spinners"
EXPECT_EXIT=pass
EXPECT="tick 250 Hz from the PIT
ktest: 3 passed, 0 failed, 0 skipped"
TIMEOUT=90
