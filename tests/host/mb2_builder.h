/*
 * A builder of multiboot2 information blocks for the parser's host tests
 * (test_mb2.c): tags, a full block with every decoded tag type, and checks
 * of rejected blocks.
 */
#ifndef TESTS_HOST_MB2_BUILDER_H_
#define TESTS_HOST_MB2_BUILDER_H_

#include <stddef.h>
#include <stdint.h>

#include <core/mb2.h>

#define BLD_CAP 8192

struct bld {
	_Alignas(8) uint8_t buf[BLD_CAP];
	size_t len;
};

/* Offsets of the tags in the block that bld_full() builds. */
struct full_offs {
	size_t cmdline, loader, mod0, mod1, rsdp_new;
};

/* Entries in k_map, the memory map of the full block. */
#define K_MAP_N 5
extern const struct mb2_mmap_entry k_map[K_MAP_N];
extern uint8_t *g_blk;

void bld_put32(struct bld *b, size_t off, uint32_t v);
void bld_put64(uint8_t *p, uint64_t v);
void bld_init(struct bld *b);
size_t bld_tag(struct bld *b, uint32_t type, const void *payload, size_t plen);
size_t bld_str(struct bld *b, uint32_t type, const char *s);
size_t bld_module(struct bld *b, uint32_t start, uint32_t end, const char *s);
size_t bld_meminfo(struct bld *b, uint32_t lo, uint32_t hi);
size_t bld_mmap(struct bld *b, uint32_t esize, const struct mb2_mmap_entry *e, size_t n);
size_t bld_fb(struct bld *b);
size_t bld_rsdp(struct bld *b, uint32_t type, size_t len);
void bld_end(struct bld *b);
uint8_t *bld_dup(const struct bld *b, size_t n);
void bld_full(struct bld *b, struct full_offs *o);
void expect_einval(const void *p, size_t avail, struct mb2_info *out, const char *needle);
int blk_release(void **state);
void expect_bld_einval(const struct bld *b, struct mb2_info *out, const char *needle);

#endif /* TESTS_HOST_MB2_BUILDER_H_ */
