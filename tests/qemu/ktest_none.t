DESC="ktest=,,, selects no test: an error that says so"
ENTRY=zero
APPEND="ktest=,,,"
EXPECT_EXIT=fail
EXPECT="ktest: 'ktest=,,,' selects no test
ktest: 0 passed, 1 failed, 0 skipped"
