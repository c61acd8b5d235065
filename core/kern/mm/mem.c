/*
 * The core side of the `mem` role: registration, the backend allocators
 * get pages from, and the wrappers (mem_alloc(), mem_cache_alloc()...) that
 * are the only callers of the provider's table. Before a provider
 * registers, every allocation fails cleanly (returns NULL).
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/kmod.h>
#include <kern/mem.h>
#include <core/module.h>
#include <kern/page.h>
#include <kern/panic.h>
#include <core/role.h>
#include <kern/string.h>
#include <uapi/errno.h>

#include <core/role_lock.h>

static struct mem_ops mem_table;
static int mem_live;

static void *mem_pages_alloc(unsigned order)
{
	uint64_t pa = page_alloc(order, 0);

	return pa ? page_virt(pa) : NULL;
}

static void mem_pages_free(void *p, unsigned order)
{
	page_free(page_phys(p), order);
}

static void mem_fatal(const char *what, uintptr_t caller)
{
	panic("mem: %s (caller %s)", what, panic_symbol(caller));
}

static const struct mem_backend mem_backend_kernel = {
	.pages_alloc = mem_pages_alloc,
	.pages_free = mem_pages_free,
	.fatal = mem_fatal,
};

const struct mem_backend *mem_kernel_backend(void)
{
	return &mem_backend_kernel;
}
KERN_EXPORT(mem_kernel_backend);

static unsigned mem_default_info(struct mem_info *info, struct mem_cache_info *caches, unsigned max)
{
	(void)caches;
	(void)max;
	memset(info, 0, sizeof(*info));
	return 0;
}

/* The provider's init failed after registering: forget its table. */
static void mem_drop(void)
{
	mem_live = 0;
}

int mem_register(const struct mem_ops *ops)
{
	const struct module *m = module_current();
	int rc;

	if (m == NULL)
		return -EPERM;
	if (ops == NULL || ops->version != MEM_OPS_VERSION || !ops->cache_create ||
	    !ops->cache_destroy || !ops->cache_alloc || !ops->cache_free || !ops->alloc ||
	    !ops->free)
		return -EINVAL;
	rc = role_claim("mem", m->name, true, mem_drop);
	if (rc)
		return rc;
	mem_table = *ops;
	if (!mem_table.info)
		mem_table.info = mem_default_info;
	mem_live = 1;
	return 0;
}
KERN_EXPORT(mem_register);

struct mem_cache *mem_cache_create(const char *name, size_t size, size_t align,
				   void (*ctor)(void *obj))
{
	return mem_live ? ROLE_LOCKED(mem_table.cache_create(name, size, align, ctor)) : NULL;
}
KERN_EXPORT(mem_cache_create);

int mem_cache_destroy(struct mem_cache *c)
{
	return mem_live ? ROLE_LOCKED(mem_table.cache_destroy(c)) : -ENODEV;
}
KERN_EXPORT(mem_cache_destroy);

void *mem_cache_alloc(struct mem_cache *c)
{
	return mem_live ? ROLE_LOCKED(mem_table.cache_alloc(c)) : NULL;
}
KERN_EXPORT(mem_cache_alloc);

void mem_cache_free(struct mem_cache *c, void *obj)
{
	if (mem_live)
		ROLE_LOCKED_VOID(
		    mem_table.cache_free(c, obj, (uintptr_t)__builtin_return_address(0)));
}
KERN_EXPORT(mem_cache_free);

void *mem_alloc(size_t size)
{
	return mem_live ? ROLE_LOCKED(mem_table.alloc(size)) : NULL;
}
KERN_EXPORT(mem_alloc);

void *mem_zalloc(size_t size)
{
	void *p = mem_alloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}
KERN_EXPORT(mem_zalloc);

void mem_free(void *p)
{
	if (mem_live)
		ROLE_LOCKED_VOID(mem_table.free(p, (uintptr_t)__builtin_return_address(0)));
}
KERN_EXPORT(mem_free);

unsigned mem_info(struct mem_info *info, struct mem_cache_info *caches, unsigned max)
{
	if (!mem_live) {
		memset(info, 0, sizeof(*info));
		return 0;
	}
	return ROLE_LOCKED(mem_table.info(info, caches, max));
}
KERN_EXPORT(mem_info);
