DESC="t_proc_fs as the first process (init=): /proc (self, status, cmdline, maps, fd, meminfo, modules, a second mount, the shell's tools) passes, QEMU leaves with 33"
ENTRY=zero
APPEND="init=/usr/tests/t_proc_fs"
EXPECT_EXIT=pass
EXPECT="boot: proc mounted on /proc
t_proc_fs: 14 passed, 0 failed"
REJECT="ztest: not ok
ztest: FAIL
panic:
fatal trap"
