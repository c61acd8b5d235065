DESC="a module too big for memory, refused before page takes over, gives back all it took: page still registers"
ENTRY=zero
OMIT="tmr,page,vm,zone,tlsf,stride,hello,hola"
MODULES="bigbss,tmr,page,vm,zone,hello"
QEMU_MEM=256M
EXPECT_EXIT=pass
EXPECT="module bigbss: refused: cannot allocate 314572800 bytes for the data segment
roles: ipc=ipc virtio_blk=virtio_blk tmr=tmr page=page vm=vm mem=zone io=io buf=buf ext2=ext2 procfs=procfs shmfs=shmfs example=hello"
REJECT="panic:"
