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
#include <core/role_lock.h>
#include <kern/string.h>
#include <uapi/errno.h>
#include <core/debug.h>

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

/* Without a provider every allocation fails cleanly. */
static struct mem_cache *mem_null_cache_create(const char *name, size_t size, size_t align,
					       void (*ctor)(void *obj))
{
	(void)name;
	(void)size;
	(void)align;
	(void)ctor;
	return NULL;
}

static int mem_null_cache_destroy(struct mem_cache *c)
{
	(void)c;
	return -ENODEV;
}

static void *mem_null_cache_alloc(struct mem_cache *c)
{
	(void)c;
	return NULL;
}

static void mem_null_cache_free(struct mem_cache *c, void *obj, uintptr_t caller)
{
	(void)c;
	(void)obj;
	(void)caller;
}

static void *mem_null_alloc(size_t size)
{
	(void)size;
	return NULL;
}

static void mem_null_free(void *p, uintptr_t caller)
{
	(void)p;
	(void)caller;
}

static unsigned mem_null_info(struct mem_info *info, struct mem_cache_info *caches, unsigned max)
{
	(void)caches;
	(void)max;
	memset(info, 0, sizeof(*info));
	return 0;
}

static const struct mem_ops mem_null_ops = {
	.version = MEM_OPS_VERSION,
	.cache_create = mem_null_cache_create,
	.cache_destroy = mem_null_cache_destroy,
	.cache_alloc = mem_null_cache_alloc,
	.cache_free = mem_null_cache_free,
	.alloc = mem_null_alloc,
	.free = mem_null_free,
	.info = mem_null_info,
};

static const struct mem_ops *mem_ops = &mem_null_ops;
static struct mem_ops mem_resolved;
/* Every mem operation runs under this lock; they may sleep (an allocation
 * may reclaim), so it is a mutex: mem is for thread context only. */
static struct rmutex mem_lock = RMUTEX_INIT("mem");

ROLE_DEFINE(mem_role, .name = "mem", .version = MEM_OPS_VERSION, .ops_size = sizeof(struct mem_ops),
	    .optional = ROLE_OPT(struct mem_ops, info), .null_ops = &mem_null_ops,
	    .resolved = &mem_resolved, .current = (const void **)&mem_ops, .pinned = true,
	    .required = true);

int mem_register(const struct mem_ops *ops)
{
	return role_register(&mem_role, ops);
}
KERN_EXPORT(mem_register);

struct mem_cache *mem_cache_create(const char *name, size_t size, size_t align,
				   void (*ctor)(void *obj))
{
	return ROLE_CALL_SLEEP(&mem_lock, mem_ops->cache_create(name, size, align, ctor));
}
KERN_EXPORT(mem_cache_create);

int mem_cache_destroy(struct mem_cache *c)
{
	return ROLE_CALL_SLEEP(&mem_lock, mem_ops->cache_destroy(c));
}
KERN_EXPORT(mem_cache_destroy);

void *mem_cache_alloc(struct mem_cache *c)
{
	return ROLE_CALL_SLEEP(&mem_lock, mem_ops->cache_alloc(c));
}
KERN_EXPORT(mem_cache_alloc);

void mem_cache_free(struct mem_cache *c, void *obj)
{
	ROLE_CALL_SLEEP_VOID(&mem_lock,
			     mem_ops->cache_free(c, obj, (uintptr_t)__builtin_return_address(0)));
}
KERN_EXPORT(mem_cache_free);

void *mem_alloc(size_t size)
{
	return ROLE_CALL_SLEEP(&mem_lock, mem_ops->alloc(size));
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
	ROLE_CALL_SLEEP_VOID(&mem_lock, mem_ops->free(p, (uintptr_t)__builtin_return_address(0)));
}
KERN_EXPORT(mem_free);

unsigned mem_info(struct mem_info *info, struct mem_cache_info *caches, unsigned max)
{
	return ROLE_CALL_SLEEP(&mem_lock, mem_ops->info(info, caches, max));
}
KERN_EXPORT(mem_info);
