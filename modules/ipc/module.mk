# IPC: pipes now; FIFOs, message queues, semaphores and shared memory later (role ipc).
MODULE := ipc
SRCS := ipc_mod.c pipe.c pipe_ring.c
