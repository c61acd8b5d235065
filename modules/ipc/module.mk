# IPC: pipes, FIFOs, System V message queues, semaphores and shared memory,
# and POSIX shm objects over vm's memory objects (role ipc).
MODULE := ipc
SRCS := ipc_mod.c pipe.c pipe_ring.c fifo.c ipc_obj.c msg.c msg_queue.c sem.c sem_ops.c shm.c pshm.c
