DESC="a scheduler module that fails leaves the built-in Zero scheduler running, and the log says so"
ENTRY=zero
MODULES="badsched"
APPEND="sched=badsched ktest=sched_class_order"
EXPECT_EXIT=pass
EXPECT="module badsched: refused: init failed with error -5
sched: module badsched was refused (init failed with error -5); the built-in Zero scheduler runs
sched: zero scheduler (built in)
ktest: 1 passed, 0 failed"
