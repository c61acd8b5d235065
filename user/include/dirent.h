/* dirent.h for zero's libc: struct dirent is the kernel's (uapi/dirent.h). */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <sys/types.h>
#include <uapi/dirent.h>

typedef struct __dir DIR;

DIR *opendir(const char *path);
DIR *fdopendir(int fd);
struct dirent *readdir(DIR *d);
int closedir(DIR *d);
void rewinddir(DIR *d);
int dirfd(DIR *d);
int getdents(int fd, void *buf, size_t len);

#endif
