DESC="the IPC demos and tools at the shell as a person runs them: the four demos of /usr/demo with their sources (pipes, a FIFO client/server, a message queue with a semaphore, shared memory under semaphores), /proc/self/maps naming the program's file and its stack, and ipcs seeing the message-queue server's queue and semaphore set while it runs and neither after a client told it to quit"
ENTRY=zero
APPEND="init=/sbin/init"
EXPECT_EXIT=pass
TIMEOUT=120
SCRIPT='expect zero# 
send cd /usr/demo; ls *.c | cat\n
expect fifo_demo.c\r\nmsgq_demo.c\r\npipe_demo.c\r\nshm_demo.c\r\n
expect zero# 
send ./pipe_demo | tail -1; ./fifo_demo | tail -1; ./msgq_demo | tail -1; ./shm_demo | tail -1\n
expect pipe_demo: ok\r\nfifo_demo: ok\r\nmsgq_demo: ok\r\nshm_demo: ok\r\n
expect zero# 
send cat /proc/self/maps | grep -c " /bin/cat$"; cat /proc/self/maps | grep -c " \\[stack\\]$"\n
expect \r\n4\r\n1\r\n
expect zero# 
send ./msgq_demo server & sleep 1; ipcs -q | grep -c "^0x.* root "; ipcs -s | grep -c "^0x.* 2 *$"\n
expect \r\n1\r\n1\r\n
expect zero# 
send ./msgq_demo client quit; wait; ipcs | grep -c "^0x"\n
expect server: 0 request(s) served\r\n0\r\n
expect zero# 
send poweroff\n'
EXPECT="zero# "
REJECT="panic:
fatal trap
FAILED"
