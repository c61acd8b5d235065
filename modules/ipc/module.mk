# IPC: pipes, FIFOs, System V message queues and semaphores (role ipc);
# shared memory comes with vm's memory objects.
MODULE := ipc
SRCS := ipc_mod.c pipe.c pipe_ring.c fifo.c ipc_obj.c msg.c msg_queue.c sem.c sem_ops.c
