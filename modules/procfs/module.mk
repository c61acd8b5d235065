# The proc file system (role procfs): /proc/<pid>/{maps,status,cmdline,fd/},
# /proc/self, meminfo, modules, uptime, mounts; generated from the core's
# accessors (kern/procinfo.h), registered with the VFS as "proc".
MODULE := procfs
SRCS := procfs_mod.c procfs_vnops.c procfs_dir.c procfs_gen.c procfs_fmt.c procfs_sbuf.c
KDEPS := io
