# /dev/shm (role shmfs): the "shmfs" file-system type, a view of the
# ipc provider's POSIX shm names (kern/ipc.h: shm_list, shm_stat,
# shm_unlink); the core mounts it on /dev/shm at boot.
MODULE := shmfs
SRCS := shmfs_mod.c shmfs_vnops.c
KDEPS := io
