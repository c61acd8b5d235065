DESC="crash=bp gives a TRAPBP report with registers and a symbolised backtrace"
ENTRY=zero
APPEND="crash=bp"
EXPECT_EXIT=panic
EXPECT="fatal trap: TRAPBP (vector
breakpoint
rip 0xffffffff8
arch_breakpoint
rax 
backtrace:
boot_crash_bp+0x
boot_crash+0x
kmain+0x
panic: TRAPBP in kernel mode"
