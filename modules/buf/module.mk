# The block buffer cache (role buf): hash, LRU, sleep locks, write-back, read-ahead, reclaim.
MODULE := buf
SRCS := buf_mod.c bcache.c bcache_io.c bcache_sync.c bcache_reclaim.c bcache_run.c
