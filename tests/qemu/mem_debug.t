DESC="zone.debug turns on the allocator's debug mode, which still passes the allocator self-test"
ENTRY=zero
APPEND="zone.debug ktest=mem_allocator,vm_cow_after_fork"
EXPECT_EXIT=pass
EXPECT="module zone 1.0.0: role mem
debug
ktest: 2 passed, 0 failed, 0 skipped"
