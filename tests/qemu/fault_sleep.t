DESC="a call that may sleep, made with a spinlock held, is stopped by the wrapper's context check"
ENTRY=zero
APPEND="crash=sleep"
EXPECT_EXIT=panic
EXPECT="panic: assertion failed: ctx_may_sleep() (core/kern/synch/lock.c:
boot_crash_sleep"
REJECT="was not caught"
