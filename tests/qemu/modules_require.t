DESC="a required role with no provider is a clean panic naming the role"
ENTRY=zero
APPEND="require=example,nosuchrole"
EXPECT_EXIT=panic
EXPECT="roles: tmr=tmr page=page vm=vm mem=zone ipc=ipc io=io buf=buf ext2=ext2 procfs=procfs shmfs=shmfs example=hello
panic: required role 'nosuchrole' has no working provider and no built-in fallback"
