DESC="the buffer cache module: reads, writes, errors, sleep locks, the flush thread, pinning and shrinking over a RAM disk"
ENTRY=zero
# The menu loads buf already: this test loads it with its own arguments instead.
OMIT="buf"
MODULES="buf:flush=1 max=64 ra=8"
APPEND="ktest=buf_read_write_sync,buf_errors,buf_threads_serialise,buf_flush_thread,buf_pin_flush_thread,buf_shrink_frees"
EXPECT_EXIT=pass
EXPECT="buf: up to 64 buffers, read-ahead 8, flush every 1 s, reclaimable by the page daemon
ktest: pinned buffer held back, written after its unpin
ktest: 4 threads x 200 increments of one buffer, none lost
ktest: 6 passed, 0 failed"
