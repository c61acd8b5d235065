DESC="in-kernel self-tests of the core pass"
ENTRY=zero
APPEND="ktest=all"
# Without the menu's buffer cache: page_all_memory counts every free frame,
# and buffers the cache gives back under that pressure would count twice.
# The cache's own self-tests run in buf_module.t.
OMIT="buf,ext2"
EXPECT_EXIT=pass
EXPECT="ktest: ok 1 - 
ktest: 
 passed, 0 failed"
REJECT="ktest: not ok"
