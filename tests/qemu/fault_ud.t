DESC="crash=ud gives a TRAPUD report with registers and a symbolised backtrace"
ENTRY=zero
APPEND="crash=ud"
EXPECT_EXIT=panic
EXPECT="fatal trap: TRAPUD (vector
invalid opcode
rip 0xffffffff8
boot_crash_ud
rax 
backtrace:
boot_crash+0x
kmain+0x
panic: TRAPUD in kernel mode"
