DESC="every kind of bad module is refused with its name and reason, and boot goes on"
ENTRY=zero
MODULES="bad_trunc,bad_notelf,bad_class,bad_machine,bad_type,bad_secoff,bad_stroff,bad_symidx,bad_shndx,bad_reloc,bad_abi,bad_nometa,hello:again,failinit,needflaky,needy,cyca,cycb,unresolved,late:last,needlate,badops"
# The boot loader hands over at most MODULE_MAX (32) modules: the disk driver and the
# storage modules (buf, ext2) and procfs of the menu stay out.
OMIT="virtio_blk,buf,ext2,procfs,shmfs"
APPEND="ktest=module_refusals_named,modules_mapped_wx,example_role,module_unload"
EXPECT_EXIT=pass
EXPECT="module bad_trunc: refused: section table 0x
module bad_notelf: refused: not an ELF file (bad magic)
module bad_class: refused: not a 64-bit ELF file (class 1)
module bad_machine: refused: wrong machine 3, expected x86-64 (62)
module bad_type: refused: not a relocatable object (e_type 2, ET_EXEC)
module bad_secoff: refused: section 1 (.text) offset 0x
module bad_stroff: refused: section 1 name offset 0x
module bad_symidx: refused: relocation 0 in .rela.text: symbol index
module bad_shndx: refused: symbol 'hello_count' section index
module bad_reloc: refused: unknown relocation type 9 (R_X86_64_GOTPCREL) in .rela.text
module bad_abi: refused: ABI version 99, kernel has 1
module bad_nometa: refused: no .kmod_info section: missing KMOD()
module hello: refused: a module named 'hello' is already loaded
module hola: not loaded: example=hello picks 'hello'
module needy: refused: missing dependency: no module provides role 'nosuchrole'
module cyca: refused: dependency cycle through role 'cyca'
module cycb: refused: dependency cycle through role 'cycb'
module hello 1.0.0: role example
failinit: init runs and fails on purpose (args '')
module failinit: refused: init failed with error -5
module needflaky: refused: dependency on role 'flaky', whose provider failed
module unresolved: refused: unresolved symbol 'no_such_kernel_function'
late: loaded after the bad modules, args 'last'
module badops: example ops table has the wrong version (this core speaks version 1)
module badops: example ops member 0 is mandatory but NULL
module badops: example ops member 0 points outside its text
badops: version 99 -> -22, NULL greet -> -22, greet into data -> -22, while hello provides it -> -17
module badops: example ops member 0 (0x
is not the start of a function
badops: greet one byte into a function -> -22
module badops: refused: init failed with error -22
modules: 9 live, 3 alternates not chosen, 20 refused
roles: tmr=tmr page=page vm=vm mem=zone ipc=ipc io=io example=hello late=late needlate=needlate
boot: complete
needlate: fini runs before unloading
module needlate: unloaded
module late: unloaded
ktest: 4 passed, 0 failed, 0 skipped"
REJECT="fatal trap
panic:"
