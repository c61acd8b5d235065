DESC="frames a probe link gives back before page runs are used again by the real link"
ENTRY=zero
OMIT="tmr,page,vm,zone,tlsf,stride,hello,hola"
MODULES="bssfit,tmr,page,vm,zone,hello"
QEMU_MEM=256M
EXPECT_EXIT=pass
EXPECT="bssfit: loaded 157286400 bytes of .bss
roles: ipc=ipc virtio_blk=virtio_blk bssfit=bssfit tmr=tmr page=page vm=vm mem=zone io=io buf=buf ext2=ext2 procfs=procfs shmfs=shmfs example=hello"
REJECT="refused:"
