DESC="the alternate menu entry (example=hola) runs hola as the example provider"
ENTRY=zero-hola
APPEND="ktest=example_role,modules_mapped_wx"
EXPECT_EXIT=pass
EXPECT="module hello: not loaded: example=hola picks 'hola' for role 'example'
module hola 1.0.0: role example
hola: alternate example provider
roles: tmr=tmr page=page vm=vm mem=zone ipc=ipc io=io buf=buf ext2=ext2 procfs=procfs shmfs=shmfs example=hola
ktest: example provider 'hola' says 'hola, zero'
ktest: 2 passed, 0 failed, 0 skipped"
REJECT="refused:"
