DESC="the watch and evsend tools at the shell: one line per event of a watched directory (create, write, rename pairs, remove), -r on a tree that grows, a message sent with evsend to watch -m, console input to watch -i, and the usage text on a bad option"
ENTRY=zero
APPEND="init=/sbin/init"
EXPECT_EXIT=pass
TIMEOUT=90
SCRIPT='expect zero# 
send mkdir /tmp/w; watch -n 5 /tmp/w > /tmp/wlog & sleep 1\n
expect zero# 
send touch /tmp/w/x; echo hi > /tmp/w/x; mv /tmp/w/x /tmp/w/y; rm /tmp/w/y; mkdir /tmp/w/d; wait; cat /tmp/wlog\n
expect create /tmp/w/x\r\nwrite /tmp/w/x\r\nrename /tmp/w/x -> /tmp/w/y\r\nremove /tmp/w/y\r\ncreate /tmp/w/d\r\n
expect zero# 
send mkdir /tmp/r /tmp/r/a; watch -r -n 3 /tmp/r > /tmp/rlog & sleep 1\n
expect zero# 
send touch /tmp/r/a/x; mkdir /tmp/r/b; sleep 1; touch /tmp/r/b/y; wait; cat /tmp/rlog\n
expect create /tmp/r/a/x\r\ncreate /tmp/r/b\r\ncreate /tmp/r/b/y\r\n
expect zero# 
send watch -m -n 1 > /tmp/mlog & sleep 1; evsend -t 3 $! hello there; wait; cat /tmp/mlog\n
expect  3: "hello there"\r\n
expect zero# 
send evsend 1 x; echo status=$?\n
expect evsend: 1: No such process\r\nstatus=1
expect zero# 
send watch -i -n 1\n
sleep 1000
send #
expect input: "#"\r\n
send \n
expect zero# 
send watch -z; echo status=$?\n
expect usage: watch [-r] [-m] [-i] [-n count] [path...]
expect status=2
expect zero# 
send poweroff\n'
EXPECT="zero# "
REJECT="panic:
fatal trap"
