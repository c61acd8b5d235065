DESC="the default entry runs the zone allocator (mem=zone) and passes the memory self-tests"
ENTRY=zero
APPEND="ktest=mem_allocator,vm_cow_after_fork,vm_guard_and_protection,vm_unmap_returns_frames,page_all_memory,page_daemon_thread,kheap_blocks,uaccess_bad_pointers"
EXPECT_EXIT=pass
EXPECT="module tlsf: not loaded: mem=zone picks 'zone' for role 'mem'
module zone 1.0.0: role mem
roles: tmr=tmr page=page vm=vm mem=zone ipc=ipc io=io buf=buf ext2=ext2 procfs=procfs shmfs=shmfs example=hello
memory: mem=zone (zone)
magazine hit rate
ktest: 8 passed, 0 failed, 0 skipped"
