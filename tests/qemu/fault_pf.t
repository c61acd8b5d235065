DESC="crash=pf gives a TRAPPF report with registers and a symbolised backtrace"
ENTRY=zero
APPEND="crash=pf"
EXPECT_EXIT=panic
EXPECT="fatal trap: TRAPPF (vector
page fault
rip 0xffffffff8
CR2 0x00007fff00000000
rax 
backtrace:
boot_crash+0x
kmain+0x
panic: TRAPPF in kernel mode"
