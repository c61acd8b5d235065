DESC="the stride menu entry runs the stride scheduler and it passes the scheduler self-tests"
ENTRY=zero-stride
APPEND="tmr.hz=1000 ktest=sched_preempts_spinners,sched_sleep_accuracy,sched_equal_shares,sched_class_order,sched_mutex_excludes,tmr_periodic_callout"
EXPECT_EXIT=pass
EXPECT="module stride 1.0.0: role sched
sched: stride scheduler, preemptive on the tmr tick
ktest: 6 passed, 0 failed, 0 skipped"
TIMEOUT=120
