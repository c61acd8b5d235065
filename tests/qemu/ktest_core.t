DESC="in-kernel self-tests of the core pass"
ENTRY=zero
APPEND="ktest=all"
EXPECT_EXIT=pass
EXPECT="ktest: ok 1 - 
ktest: 
 passed, 0 failed"
REJECT="ktest: not ok"
