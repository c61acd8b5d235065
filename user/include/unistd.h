/* unistd.h for zero's libc: POSIX names over the Zero calls (doc/syscalls.md). */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <stddef.h>
#include <sys/types.h>

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2
#define F_OK	      0
#define X_OK	      1
#define W_OK	      2
#define R_OK	      4
#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif
#define _SC_PAGESIZE	     30
#define _SC_PAGE_SIZE	     _SC_PAGESIZE
#define _SC_CLK_TCK	     2
#define _SC_OPEN_MAX	     4
#define _SC_NPROCESSORS_ONLN 84

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int close(int fd);
off_t lseek(int fd, off_t off, int whence);
int dup(int fd);
int dup2(int fd, int fd2);
int pipe(int fds[2]);
int pipe2(int fds[2], int flags);
int chdir(const char *path);
char *getcwd(char *buf, size_t len);
int link(const char *old, const char *new);
int unlink(const char *path);
int rmdir(const char *path);
int access(const char *path, int mode);
int chown(const char *path, uid_t uid, gid_t gid);
int lchown(const char *path, uid_t uid, gid_t gid);
int fchown(int fd, uid_t uid, gid_t gid);
int symlink(const char *target, const char *path);
ssize_t readlink(const char *restrict path, char *restrict buf, size_t len);
int truncate(const char *path, off_t len);
int ftruncate(int fd, off_t len);
void sync(void);
int fsync(int fd);
int fdatasync(int fd);
int isatty(int fd);
int ioctl(int fd, unsigned long req, ...);

pid_t fork(void);
pid_t vfork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int execvp(const char *file, char *const argv[]);
int execvpe(const char *file, char *const argv[], char *const envp[]);
int execl(const char *path, const char *arg, ...);
int execlp(const char *file, const char *arg, ...);
int execle(const char *path, const char *arg, ...);
__attribute__((noreturn)) void _exit(int status);
pid_t getpid(void);
pid_t getppid(void);
pid_t getpgrp(void);
pid_t getpgid(pid_t pid);
int setpgid(pid_t pid, pid_t pgid);
pid_t setsid(void);
pid_t getsid(pid_t pid);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);
int nice(int inc);
uid_t getuid(void);
uid_t geteuid(void);
int setuid(uid_t uid);
int setgid(gid_t gid);
gid_t getgid(void);
gid_t getegid(void);

int brk(void *addr);
void *sbrk(intptr_t inc);
unsigned int sleep(unsigned int secs);
int usleep(useconds_t usecs);
unsigned int alarm(unsigned int secs);
int pause(void);
long sysconf(int name);
int getpagesize(void);
int gethostname(char *name, size_t len);

extern char *optarg;
extern int optind, opterr, optopt;
int getopt(int argc, char *const argv[], const char *optstring);

#endif
