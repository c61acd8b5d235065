/*
 * sys/zero.h: the Zero calls that have no POSIX name, and the raw stubs.
 * __sys_<name>() (generated from syscalls.tbl) returns the kernel's result,
 * or -errno when the kernel set CF; it does not touch errno.
 */
#ifndef _SYS_ZERO_H
#define _SYS_ZERO_H

#include <stdint.h>
#include <uapi/mman.h>
#include <uapi/proc.h>
#include <uapi/syscall.h>

/* Power off or reboot (root only): HALT_POWEROFF, HALT_REBOOT. */
int halt(int flg);
/* Kernel state for tools; the commands come with the kernel's sysctl. */
long sysctl(int cmd, long parm, void *arg);
/* pctl(): process operations (uapi/proc.h). */
long pctl(int cmd, long parm, void *arg);
/* The raw call: number, up to six arguments; -errno on failure. */
long __syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
/* syscall(): the raw call with errno: -1 and errno on failure. */
long syscall(long nr, ...);

long __sys_halt(long flg);
long __sys_sysctl(long cmd, long parm, void *arg);
__attribute__((noreturn)) void __sys_exit(long val, long flg);
__attribute__((noreturn)) void __sys_abort(void);
long __sys_fork(long flg);
long __sys_exec(const char *path, char *const argv[], char *const envp[]);
long __sys_throp(long cmd, long parm, void *arg);
long __sys_pctl(long cmd, long parm, void *arg);
long __sys_sigop(long cmd, long parm, void *arg);
long __sys_brk(void *addr);
long __sys_map(long desc, long flg, struct sysmem *m);
long __sys_umap(void *addr, long len);
long __sys_mhint(void *addr, long flg, struct sysmem *m);
long __sys_wait(long pid, int *status, long options, void *rusage);
long __sys_kill(long pid, long sig);
long __sys_getpid(void);
long __sys_getppid(void);
long __sys_open(const char *path, long flags, long mode);
long __sys_read(long fd, void *buf, unsigned long n);
long __sys_write(long fd, const void *buf, unsigned long n);
long __sys_close(long fd);
long __sys_dup(long fd);
long __sys_dup2(long fd, long fd2);
long __sys_pipe(int fds[2], long flags);
long __sys_chdir(const char *path);
long __sys_mkdir(const char *path, long mode);
long __sys_mknod(const char *path, long mode, unsigned long dev);
long __sys_fstat(long fd, void *st);
long __sys_stat(const char *path, void *st, long flags);
long __sys_link(const char *old, const char *new);
long __sys_unlink(const char *path);
long __sys_rmdir(const char *path);
long __sys_rename(const char *old, const char *new);
long __sys_lseek(long fd, long off, long whence);
long __sys_getdents(long fd, void *buf, unsigned long len);
long __sys_getcwd(char *buf, unsigned long len);
long __sys_fcntl(long fd, long cmd, long arg);
long __sys_ioctl(long fd, unsigned long req, void *arg);
long __sys_umask(long mask);
long __sys_getuid(void);
long __sys_geteuid(void);
long __sys_getgid(void);
long __sys_getegid(void);
long __sys_nanosleep(const void *req, void *rem);
long __sys_clock_gettime(long clk, void *ts);
long __sys_gettimeofday(void *tv, void *tz);
long __sys_uname(void *u);
long __sys_sigreturn(void);
long __sys_futex(int *addr, long op, long val, const void *ts);
long __sys_setfsbase(void *addr);
long __sys_setpgid(long pid, long pgid);
long __sys_getpgid(long pid);
long __sys_setsid(void);
long __sys_getsid(long pid);
long __sys_getpriority(long which, long who);
long __sys_setpriority(long which, long who, long prio);
long __sys_chmod(const char *path, long mode);
long __sys_fchmod(long fd, long mode);
long __sys_chown(const char *path, long uid, long gid, long flags);
long __sys_fchown(long fd, long uid, long gid);
long __sys_symlink(const char *target, const char *path);
long __sys_readlink(const char *path, char *buf, unsigned long len);
long __sys_utimens(const char *path, const void *times, long flags);
long __sys_access(const char *path, long mode);
long __sys_truncate(const char *path, long len);
long __sys_ftruncate(long fd, long len);
long __sys_sync(void);
long __sys_fsync(long fd);
long __sys_statfs(const char *path, void *buf);
long __sys_fstatfs(long fd, void *buf);
long __sys_mount(const char *source, const char *target, const char *fstype, long flags);
long __sys_umount(const char *target, long flags);
long __sys_fdatasync(long fd);
long __sys_msync(void *addr, long len, long flags);
long __sys_mprotect(void *addr, long len, long prot);

#endif
