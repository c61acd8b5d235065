/* Fakes for the buffer cache's host tests (buf_fakes.h). */
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf_fakes.h"

/* The page role's calls the cache makes, declared here as in kern/page.h. */
uint64_t page_alloc(unsigned order, unsigned flags);
void page_free(uint64_t pa, unsigned order);
void *page_virt(uint64_t pa);
int page_reclaimer_add(const struct page_reclaimer *r);
void page_set_reclaimable(uint64_t pa, int id);
void page_touch(uint64_t pa);

int bfake_page_fail;
long bfake_pages;
long bfake_reclaimable;
long bfake_touches;
const struct page_reclaimer *bfake_reclaimer;

uint64_t page_alloc(unsigned order, unsigned flags)
{
	void *p;

	if (__atomic_load_n(&bfake_page_fail, __ATOMIC_RELAXED))
		return 0;
	p = aligned_alloc(4096, (size_t)4096 << order);
	if (p == NULL)
		return 0;
	/* not zeros unless asked: the cache must not rely on them */
	memset(p, (flags & 1) ? 0 : 0x5a, (size_t)4096 << order);
	__atomic_add_fetch(&bfake_pages, 1, __ATOMIC_RELAXED);
	return (uint64_t)(uintptr_t)p;
}

void page_free(uint64_t pa, unsigned order)
{
	(void)order;
	__atomic_sub_fetch(&bfake_pages, 1, __ATOMIC_RELAXED);
	free((void *)(uintptr_t)pa);
}

void *page_virt(uint64_t pa)
{
	return (void *)(uintptr_t)pa;
}

int page_reclaimer_add(const struct page_reclaimer *r)
{
	bfake_reclaimer = r;
	return 0;
}

void page_set_reclaimable(uint64_t pa, int id)
{
	(void)pa;
	__atomic_add_fetch(&bfake_reclaimable, id >= 0 ? 1 : -1, __ATOMIC_RELAXED);
}

int bfake_disk_create(size_t size, uint8_t (*fill)(uint64_t off))
{
	char path[] = "/tmp/test_buf.XXXXXX";
	int fd = mkstemp(path);
	uint8_t *p;
	bool ok;

	if (fd < 0)
		return -1;
	unlink(path);
	p = malloc(size);
	if (p == NULL) {
		close(fd);
		return -1;
	}
	for (size_t i = 0; i < size; i++)
		p[i] = fill(i);
	ok = pwrite(fd, p, size, 0) == (ssize_t)size;
	free(p);
	if (!ok) {
		close(fd);
		return -1;
	}
	return fd;
}

int bfake_disk_read(int fd, void *p, size_t n, uint64_t off)
{
	return pread(fd, p, n, (off_t)off) == (ssize_t)n ? 0 : -1;
}

int bfake_disk_write(int fd, const void *p, size_t n, uint64_t off)
{
	return pwrite(fd, p, n, (off_t)off) == (ssize_t)n ? 0 : -1;
}

void bfake_disk_close(int fd)
{
	close(fd);
}

void bfake_usleep(unsigned us)
{
	usleep(us);
}

void page_touch(uint64_t pa)
{
	(void)pa;
	__atomic_add_fetch(&bfake_touches, 1, __ATOMIC_RELAXED);
}
