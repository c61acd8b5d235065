DESC="the shell at the serial console as a person uses it: pipelines, redirection, globbing, variables, a script, a command not found, lsmod and poweroff"
ENTRY=zero
APPEND="init=/sbin/init"
EXPECT_EXIT=pass
TIMEOUT=90
SCRIPT='expect zero# 
send echo hello world | tr a-z A-Z | cat\n
expect HELLO WORLD
expect zero# 
send cd /tmp; echo one > f; echo two >> f; cat < f | wc -l; sort -r f\n
expect \r\n2\r\ntwo\r\none\r\n
expect zero# 
send touch a1 a2 b1; echo a*; echo [ab]1; echo ?2\n
expect a1 a2\r\na1 b1\r\na2\r\n
expect zero# 
send ls /nonexistent 2>&1 | grep -c nonexistent; echo status=$?\n
expect 1\r\nstatus=0
expect zero# 
send X=zero; echo "$X ${X}s $$" | wc -w; false || echo or; true && echo and\n
expect 3\r\nor\r\nand\r\n
expect zero# 
send printf "#!/bin/sh\\necho script \\$1\\n" > s.sh; chmod +x s.sh; ./s.sh arg; sh s.sh two\n
expect script arg\r\nscript two\r\n
expect zero# 
send nosuchcmd\n
expect nosuchcmd: not found
expect zero# 
send (cd /; pwd); pwd\n
expect /\r\n/tmp\r\n
expect zero# 
send lsmod | grep sched\n
expect zero# 
send poweroff\n'
EXPECT="zero# "
REJECT="panic:
fatal trap"
