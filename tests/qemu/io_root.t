DESC="the io module mounts a root from a cpio image and reads, writes and removes files and devices through io_open/fo_read/fo_write"
ENTRY=zero
APPEND="ktest=io_root_cpio,io_files,io_devices"
EXPECT_EXIT=pass
EXPECT="module io 0.1.0: role io
roles: tmr=tmr page=page vm=vm mem=zone ipc=ipc io=io buf=buf ext2=ext2 procfs=procfs shmfs=shmfs example=hello
io: root: ramfs with 4 entries from a 628-byte initramfs
ktest: written to /dev/console
ktest: 3 passed, 0 failed, 0 skipped"
REJECT="ktest: not ok
io: initramfs:"
