DESC="ipcbench (user/bench/ipcbench.c, make bench's IPC rows against Linux) as the first process with few iterations (init.IPCBENCH_QUICK=1): every row printed, every value handed over checked (a failed call or a wrong value exits 1); the file-mapping rows must have numbers (mmap of a file in /tmp works), not n/a. No times checked"
ENTRY=zero
APPEND="init=/usr/bench/ipcbench init.IPCBENCH_QUICK=1"
EXPECT_EXIT=pass
EXPECT="ipcbench: null system call, getppid (reference) |
ipcbench: pipe round trip, 1 byte (reference) |
ipcbench: SysV message round trip, 8 bytes (msgsnd+msgrcv each way) |
ipcbench: semop P+V pair, uncontended (one process) |
ipcbench: semaphore ping-pong round trip (two processes) |
ipcbench: shm ping-pong round trip (SysV segment, two semaphores) |
ipcbench: mmap 4 MiB anonymous + touch every page + munmap |
ipcbench: file mapping fault, read (MAP_SHARED, 4 MiB in /tmp), per page |
ipcbench: file mapping fault, write (MAP_SHARED, 4 MiB in /tmp), per page |
ipcbench: done"
REJECT="ipcbench: failed
| n/a
panic:
fatal trap"
