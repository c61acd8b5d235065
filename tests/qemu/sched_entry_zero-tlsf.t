DESC="menu entry zero-tlsf passes the scheduler and timer self-tests"
ENTRY=zero-tlsf
APPEND="tmr.hz=1000 ktest=sched_preempts_spinners,sched_sleep_accuracy,sched_equal_shares,sched_class_order,sched_mutex_excludes,tmr_periodic_callout"
EXPECT_EXIT=pass
EXPECT="sched: zero scheduler (built in), preemptive on the tmr tick
ktest: 6 passed, 0 failed, 0 skipped"
TIMEOUT=120
