DESC="an unknown or empty provider name is one warning and the documented default applies"
ENTRY=zero
APPEND="sched=nosuch mem=nosuch example="
EXPECT_EXIT=pass
EXPECT="mem=nosuch: no such provider; using zone (the first GRUB loaded)
sched=nosuch: no such provider; using zero (built in)
example=: no such provider; using hello (the first GRUB loaded)
roles: tmr=tmr page=page vm=vm mem=zone ipc=ipc io=io buf=buf ext2=ext2 procfs=procfs shmfs=shmfs example=hello
sched: zero scheduler (built in)"
REJECT="second provider"
