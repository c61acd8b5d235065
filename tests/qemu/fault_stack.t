DESC="a kernel stack overflow hits the guard page and is reported as such"
ENTRY=zero
APPEND="crash=stack"
EXPECT_EXIT=panic
EXPECT="fatal trap: TRAPDF (vector 0x8, double fault)
kernel stack overflow: rsp 0xffffff80
in the guard page below the stack of thread 'deep'
panic: TRAPDF in kernel mode"
