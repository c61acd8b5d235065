DESC="without a choice, the second provider of a role is refused by name"
ENTRY=zero
MODULES="late,latetwin"
APPEND="ktest=example_role"
EXPECT_EXIT=pass
EXPECT="module latetwin: refused: second provider for role 'late' (already provided by 'late')
roles: tmr=tmr page=page vm=vm mem=zone ipc=ipc io=io buf=buf ext2=ext2 procfs=procfs shmfs=shmfs example=hello virtio_blk=virtio_blk late=late
ktest: example provider 'hello' says"
