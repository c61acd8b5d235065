/*
 * The parts of zero's libc that the host tests link (build/host-libc/
 * libc_zl.o): every global symbol carries the prefix zl_, so they sit
 * beside glibc's. The fake memory source they need is libc_fake_os.c.
 */
#ifndef TESTS_HOST_LIBC_HOST_H_
#define TESTS_HOST_LIBC_HOST_H_

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

int zl_snprintf(char *buf, size_t n, const char *fmt, ...);
int zl_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
int zl_sprintf(char *buf, const char *fmt, ...);
int zl_asprintf(char **out, const char *fmt, ...);
int zl_sscanf(const char *s, const char *fmt, ...);
int *zl___errno_location(void);

void *zl_memcpy(void *d, const void *s, size_t n);
void *zl_memmove(void *d, const void *s, size_t n);
void *zl_memset(void *d, int c, size_t n);
int zl_memcmp(const void *a, const void *b, size_t n);
void *zl_memchr(const void *s, int c, size_t n);
void *zl_memrchr(const void *s, int c, size_t n);
size_t zl_strlen(const char *s);
size_t zl_strnlen(const char *s, size_t n);
char *zl_strcpy(char *d, const char *s);
char *zl_strncpy(char *d, const char *s, size_t n);
char *zl_strcat(char *d, const char *s);
char *zl_strncat(char *d, const char *s, size_t n);
int zl_strcmp(const char *a, const char *b);
int zl_strncmp(const char *a, const char *b, size_t n);
int zl_strcasecmp(const char *a, const char *b);
int zl_strncasecmp(const char *a, const char *b, size_t n);
char *zl_strchr(const char *s, int c);
char *zl_strrchr(const char *s, int c);
char *zl_strstr(const char *h, const char *n);
size_t zl_strspn(const char *s, const char *a);
size_t zl_strcspn(const char *s, const char *r);
char *zl_strpbrk(const char *s, const char *a);
char *zl_strtok_r(char *s, const char *d, char **save);
char *zl_strsep(char **sp, const char *d);
char *zl_strdup(const char *s);
char *zl_strndup(const char *s, size_t n);
size_t zl_strlcpy(char *d, const char *s, size_t n);
size_t zl_strlcat(char *d, const char *s, size_t n);

long zl_strtol(const char *s, char **end, int base);
unsigned long zl_strtoul(const char *s, char **end, int base);
long long zl_strtoll(const char *s, char **end, int base);
unsigned long long zl_strtoull(const char *s, char **end, int base);
double zl_strtod(const char *s, char **end);
int zl_atoi(const char *s);
void zl_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void *zl_bsearch(const void *key, const void *base, size_t n, size_t size,
		 int (*cmp)(const void *, const void *));
int zl_isalnum(int c);
int zl_isalpha(int c);
int zl_isblank(int c);
int zl_iscntrl(int c);
int zl_isdigit(int c);
int zl_isgraph(int c);
int zl_islower(int c);
int zl_isprint(int c);
int zl_ispunct(int c);
int zl_isspace(int c);
int zl_isupper(int c);
int zl_isxdigit(int c);
int zl_tolower(int c);
int zl_toupper(int c);

void *zl_malloc(size_t n);
void *zl_calloc(size_t nmemb, size_t size);
void *zl_realloc(void *p, size_t n);
void zl_free(void *p);
int zl_posix_memalign(void **out, size_t align, size_t n);
void *zl_aligned_alloc(size_t align, size_t n);
size_t zl_malloc_usable_size(void *p);

/* The fake memory source (libc_fake_os.c). */
extern size_t fake_heap_used;	    /* bytes __mem_grow() handed out */
extern size_t fake_heap_limit;	    /* __mem_grow() fails past this */
extern int fake_grow_calls;	    /* __mem_grow() calls so far */
extern long fake_maps, fake_unmaps; /* __mem_map() / __mem_unmap() calls */
extern long fake_mapped;	    /* bytes mapped now */
extern jmp_buf *fake_fail_jump;	    /* __mem_fail() longjmps here if set */
extern const char *fake_fail_what;  /* its argument */

#endif /* TESTS_HOST_LIBC_HOST_H_ */
