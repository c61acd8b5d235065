DESC="the ipc module provides pipes: data, EOF, EPIPE, EAGAIN, blocking threads, atomic records, descriptor tables"
ENTRY=zero
APPEND="ktest=pipe_write_read_eof,pipe_epipe_and_nonblocking,pipe_threads_atomic_records,fdtab_pipe_ends"
EXPECT_EXIT=pass
EXPECT="ipc: pipes of 64 KiB, writes of up to 4096 bytes atomic
ktest: 192 records of 4096 bytes from 4 writers, none interleaved
ktest: 4 passed, 0 failed, 0 skipped"
REJECT="ktest: not ok"
