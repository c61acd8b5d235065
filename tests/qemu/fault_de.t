DESC="crash=de gives a TRAPDE report with registers and a symbolised backtrace"
ENTRY=zero
APPEND="crash=de"
EXPECT_EXIT=panic
EXPECT="fatal trap: TRAPDE (vector
divide error
rip 0xffffffff8
boot_crash_de
rax 
backtrace:
boot_crash+0x
kmain+0x
panic: TRAPDE in kernel mode"
