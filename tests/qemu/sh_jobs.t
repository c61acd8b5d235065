DESC="job control at the shell: ^C interrupts sleep 100, ^Z stops it, jobs lists it, bg and fg resume it, ^\\ quits, kill %1 ends a background job; input typed ahead is kept"
ENTRY=zero
APPEND="init=/sbin/init"
EXPECT_EXIT=pass
TIMEOUT=90
SCRIPT='expect zero# 
send sleep 100\n
sleep 500
send \x03
expect zero# 
send echo status=$?\n
expect status=130
expect zero# 
send sleep 100\n
sleep 500
send \x1a
expect Stopped
expect zero# 
send jobs\n
expect sleep 100
expect zero# 
send bg\n
expect zero# 
send ps -o pid,state,comm | grep sleep\n
expect S sleep
expect zero# 
send fg\n
expect sleep 100
sleep 500
send \x1c
expect zero# 
send echo status=$?\n
expect status=131
expect zero# 
send sleep 100 &\n
expect [1]
expect zero# 
send kill %1; wait; echo waited\n
expect waited
expect zero# 
send cat\n
sleep 300
send typed line\n
expect typed line\r\ntyped line\r\n
send \x04
expect zero# 
send sleep 1; cat\n
send early\n
expect \nearly\r\n
send \x04
expect zero# 
send poweroff\n'
REJECT="panic:
fatal trap"
