DESC="the default entry loads hello (example=hello), leaves hola out, prints the gdb line at debug level"
ENTRY=zero
APPEND="loglevel=7 ktest=example_role,modules_mapped_wx,module_refusals_named"
EXPECT_EXIT=pass
EXPECT="modules from the boot loader: 16
module hola: not loaded: example=hello picks 'hello' for role 'example'
module hello 1.0.0: role example, base 0xffffffffc
module hello: gdb: add-symbol-file hello.ko 0xffffffffc
hello: loaded with args 'greeting=world'
modules: 12 live, 3 alternates not chosen, 0 refused
roles: tmr=tmr page=page vm=vm mem=zone ipc=ipc io=io buf=buf ext2=ext2 procfs=procfs shmfs=shmfs example=hello virtio_blk=virtio_blk
ktest: example provider 'hello' says 'hello, zero'
ktest: 3 passed, 0 failed, 0 skipped"
REJECT="refused:"
