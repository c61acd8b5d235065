DESC="ubench (user/bench/ubench.c, make bench's zero-against-Linux suite) as the first process: every row printed, no times checked"
ENTRY=zero
APPEND="init=/usr/bench/ubench"
EXPECT_EXIT=pass
EXPECT="ubench: null system call (getppid) |
ubench: pipe ping-pong round trip |
ubench: fork+exit+wait |
ubench: fork+exec+wait (tiny static binary) |
ubench: pipe bulk transfer, per 4 KiB |
ubench: sbrk 4 MiB + touch + shrink |
ubench: page fault (fresh anonymous page) |
ubench: thread create+join |
ubench: done"
REJECT="panic:
fatal trap"
