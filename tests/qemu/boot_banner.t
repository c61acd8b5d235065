DESC="the default entry boots: banner, command line, memory map, module list"
ENTRY=zero
APPEND=""
EXPECT_EXIT=pass
EXPECT="zero 0.1.0 (x86_64) booting
boot: loader 'GRUB
command line 'loglevel=6 sched=zero mem=zone example=hello root=LABEL=zero-root panic=exit halt=exit
memory map (
available
memory: 
modules from the boot loader: 
boot: complete in 
zero: done, leaving the emulator"
REJECT="panic:
fatal trap"
