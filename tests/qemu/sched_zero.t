DESC="the built-in Zero scheduler passes the scheduler self-tests (tick at 1000 Hz)"
ENTRY=zero
APPEND="tmr.hz=1000 ktest=sched_preempts_spinners,sched_sleep_accuracy,sched_equal_shares,sched_class_order,sched_mutex_excludes,tmr_periodic_callout"
EXPECT_EXIT=pass
EXPECT="module stride: not loaded: sched=zero picks the built-in sched provider
tick 1000 Hz from the local APIC timer
sched: zero scheduler (built in), preemptive on the tmr tick
ktest: 6 passed, 0 failed, 0 skipped"
TIMEOUT=120
