DESC="the VGA console and the PS/2 keyboard (make run GUI=1): keys typed on the keyboard reach the shell, the prompt and the output show on the VGA text screen, Backspace erases, ^C drops a line"
ENTRY=zero
APPEND="init=/sbin/init"
EXPECT_EXIT=pass
TIMEOUT=90
SCRIPT='expect zero# 
screen zero# 
keys echo Typed on the Keyboardx\b | tr a-z A-Z\n
expect TYPED ON THE KEYBOARD
screen TYPED ON THE KEYBOARD
keys echo dropped\x03
keys ls /usr\n
screen tests
send poweroff\n'
EXPECT="TYPED ON THE KEYBOARD"
REJECT="DROPPED
panic:
fatal trap"
