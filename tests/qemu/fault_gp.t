DESC="crash=gp gives a TRAPGP report with registers and a symbolised backtrace"
ENTRY=zero
APPEND="crash=gp"
EXPECT_EXIT=panic
EXPECT="fatal trap: TRAPGP (vector
general protection
rip 0xffffffff8
boot_crash_gp
rax 
backtrace:
boot_crash+0x
kmain+0x
panic: TRAPGP in kernel mode"
