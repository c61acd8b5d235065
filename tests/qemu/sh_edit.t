DESC="the shell's line editor at the serial console: arrows edit the line, up walks the history, Tab completes a file name, ^U and ^W erase, ^C drops the line; top refreshes and q quits; reboot resets the machine"
ENTRY=zero
APPEND="init=/sbin/init"
EXPECT_EXIT=reset
TIMEOUT=90
SCRIPT='expect zero# 
send echo ac\e[Db\n
expect \r\nabc\r\n
expect zero# 
send \e[A\e[D\e[D\e[Dx\n
expect \r\nxabc\r\n
expect zero# 
send \e[A\e[A\n
expect \r\nabc\r\n
expect zero# 
send echo /usr/te\t\n
expect /usr/tests/\r\n
expect zero# 
send echo one two\x17three\n
expect \r\none three\r\n
expect zero# 
send garbage\x15echo kept\n
expect \r\nkept\r\n
expect zero# 
send echo dropped\x03
expect zero# 
send echo after\n
expect \r\nafter\r\n
expect zero# 
send top -d 1\n
expect PID
expect PID
send q
expect zero# 
send reboot\n
expect rebooting'
EXPECT="zero: rebooting"
REJECT="dropped\r
panic:
fatal trap"
