DESC="the TLSF menu entry (mem=tlsf) runs TLSF and passes the memory self-tests"
ENTRY=zero-tlsf
APPEND="ktest=mem_allocator,vm_cow_after_fork,vm_guard_and_protection,vm_unmap_returns_frames,page_all_memory,sched_class_order"
EXPECT_EXIT=pass
EXPECT="module zone: not loaded: mem=tlsf picks 'tlsf' for role 'mem'
module tlsf 1.0.0: role mem
roles: tmr=tmr page=page vm=vm mem=tlsf ipc=ipc io=io buf=buf ext2=ext2 procfs=procfs shmfs=shmfs example=hello
memory: mem=tlsf (tlsf)
ktest: 6 passed, 0 failed, 0 skipped"
