DESC="t_mmap as the first process (init=): file mappings of ramfs files share one copy with read/write (two processes too), MAP_PRIVATE, SIGBUS past the end and after truncate, msync/mprotect and their errors, mmap's errors, /proc/self/maps names the file; all pass, QEMU leaves with 33"
ENTRY=zero
APPEND="init=/usr/tests/t_mmap"
EXPECT_EXIT=pass
EXPECT="t_mmap: 13 passed, 0 failed"
REJECT="ztest: not ok
ztest: FAIL
panic:
fatal trap"
