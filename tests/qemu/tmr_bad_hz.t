DESC="tmr.hz=0 and a wrapping tmr.hz are warnings naming the word; the default rate stays and timers work"
ENTRY=zero
APPEND="tmr.hz=4294967306 ktest=tmr_periodic_callout"
MODULES=""
EXPECT_EXIT=pass
EXPECT="tmr: hz=4294967306: out of range (expected 10..10000); keeping 250 Hz
tick 250 Hz
ktest: 1 passed, 0 failed, 0 skipped"
