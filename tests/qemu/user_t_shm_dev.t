DESC="t_shm_dev as the first process (init=): /dev/shm lists, stats and unlinks the POSIX shm names, maps names shm mappings, shmat at a fixed address refuses overlaps without SHM_REMAP; all pass, QEMU leaves with 33"
ENTRY=zero
APPEND="init=/usr/tests/t_shm_dev"
EXPECT_EXIT=pass
EXPECT="boot: shmfs mounted on /dev/shm
t_shm_dev: 7 passed, 0 failed"
REJECT="ztest: not ok
ztest: FAIL
panic:
fatal trap"
