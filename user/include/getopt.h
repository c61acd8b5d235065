/* getopt.h for zero's libc (POSIX getopt(); no long options yet). */
#ifndef _GETOPT_H
#define _GETOPT_H

#include <unistd.h>

#endif
