/*
 * libc.h: what the parts of zero's libc share and programs do not see
 * (the stream structure, the formatting sinks, TLS, the lock, the
 * allocator's memory source).
 */
#ifndef USER_LIB_LIBC_H_
#define USER_LIB_LIBC_H_

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Turn a raw result (-errno on failure) into the POSIX -1 and errno. */
long __ret(long r);

/* A sink the formatter writes to: put() is given every piece in order. */
struct __sink {
	void (*put)(struct __sink *s, const char *p, size_t n);
	size_t count; /* bytes the format produced so far (even if not stored) */
};
/* Format fmt with ap into s; returns the byte count or -1 (EOVERFLOW). */
int __vformat(struct __sink *s, const char *fmt, va_list ap);
/* The spec of one conversion, as the formatter parsed it. */
struct __spec {
	int flags; /* FMT_* */
	int width; /* -1: none */
	int prec;  /* -1: none */
	char conv;
};
#define FMT_MINUS 0x01
#define FMT_PLUS  0x02
#define FMT_SPACE 0x04
#define FMT_HASH  0x08
#define FMT_ZERO  0x10
/* Write a field: prefix, zeros, then the body of blen bytes from emit(). */
void __fmt_pad(struct __sink *s, int c, int n);
/* %e %f %g %E %F %G of one double. */
void __fmt_float(struct __sink *s, const struct __spec *sp, double v);

/* Scan: a source of characters for the scanf engine. */
struct __src {
	int (*get)(struct __src *s); /* next character or EOF */
	void (*unget)(struct __src *s, int c);
	size_t count;
};
int __vscan(struct __src *s, const char *fmt, va_list ap);

/* Streams. */
struct __file {
	int fd;
	int flags; /* F_* below */
	int mode;  /* _IOFBF, _IOLBF, _IONBF */
	char *buf;
	size_t size;	   /* of buf */
	size_t rpos, rend; /* read: next byte, end of the valid bytes */
	size_t wpos;	   /* write: bytes waiting */
	int unget;	   /* a pushed-back character, or -1 */
	struct __file *next;
	char small[1];
};
#define F_READ	  0x01
#define F_WRITE	  0x02
#define F_EOF	  0x04
#define F_ERR	  0x08
#define F_OWNBUF  0x10 /* buf was malloc'd by stdio */
#define F_APPEND  0x20
#define F_STATIC  0x40 /* stdin/stdout/stderr: never freed */
#define F_MODESET 0x80 /* setvbuf() or the first use chose the mode */
int __fwritebuf(struct __file *f, const char *p, size_t n);
int __fillbuf(struct __file *f);
void __stdio_flushall(void);

/* Locks: a word, 0 free; futex-backed so waiters sleep. */
void __lock(volatile int *l);
void __unlock(volatile int *l);

/* The allocator's memory source (malloc_os.c; a fake in the host tests). */
void *__mem_grow(size_t n);	     /* more heap, contiguous when it can; NULL */
void *__mem_map(size_t n);	     /* n bytes of fresh zeroed pages; NULL */
void __mem_unmap(void *p, size_t n); /* give back a __mem_map() block */
/* A pointer that is no live chunk was given to what ("free()"): report, abort. */
__attribute__((noreturn)) void __mem_fail(const char *what);

/* TLS: the thread control block at the FS base (variant II). */
struct __tcb {
	struct __tcb *self;
	void *thread; /* the struct pthread, NULL for the main thread */
};
/* Bytes a thread's TLS block and TCB need (with the alignment slack). */
size_t __tls_size(void);
/* Lay out a TLS block in mem (__tls_size() bytes); returns the TCB. */
struct __tcb *__tls_setup(void *mem);
void __tls_init_main(const void *phdr, size_t phnum);
/* Where a static PIE was loaded (set by rcrt0 before __libc_start), else 0. */
extern uintptr_t __libc_load_base;

/* atexit() handlers and stdio's flush run here, then the exit call. */
void __run_atexit(void);
void __sigsetup(void);

#endif /* USER_LIB_LIBC_H_ */
