/* setjmp.h for zero's libc: rbx rbp r12-r15 rsp rip, the signal mask. */
#ifndef _SETJMP_H
#define _SETJMP_H

typedef unsigned long jmp_buf[8];
typedef unsigned long sigjmp_buf[10]; /* jmp_buf, saved?, the mask */

int setjmp(jmp_buf env) __attribute__((returns_twice));
__attribute__((noreturn)) void longjmp(jmp_buf env, int val);
int _setjmp(jmp_buf env) __attribute__((returns_twice));
__attribute__((noreturn)) void _longjmp(jmp_buf env, int val);
int sigsetjmp(sigjmp_buf env, int savemask) __attribute__((returns_twice));
__attribute__((noreturn)) void siglongjmp(sigjmp_buf env, int val);

#endif
