DESC="typing at the serial console: a line is echoed as typed, edited with DEL and ^U, read by cat, and ^D ends its input"
ENTRY=zero
APPEND="init=/bin/cat"
EXPECT_EXIT=pass
SCRIPT='expect first process /bin/cat started
send hello zero\n
expect hello zero
expect hello zero
send wrong\x15rigxx\x7f\x7fht\n
expect \b \bht\r\nright\r\n
send \x04'
EXPECT="first process /bin/cat started
hello zero
right"
REJECT="panic:
fatal trap"
