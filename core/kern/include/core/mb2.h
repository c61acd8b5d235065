/**
 * @file core/mb2.h
 * @brief Multiboot2 boot-information parser.
 * @ingroup core
 *
 * The boot loader hands the kernel a block of tags (Multiboot2
 * specification 2.0, section 3.6). mb2_parse() walks it once, checks every
 * size and offset against the bytes the caller can read, and copies what the
 * kernel needs into a fixed-size struct mb2_info, so no later code touches
 * the raw block except through the string and RSDP pointers it records.
 */
#ifndef CORE_MB2_H_
#define CORE_MB2_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MB2_MAX_MMAP 64 /**< Memory-map entries kept; more set mb2_info::mmap_truncated. */
#define MB2_MAX_MODS 32 /**< Modules kept; more set mb2_info::mods_truncated. */

#define MB2_MEM_AVAILABLE 1 /**< Memory-map type: usable RAM. */
#define MB2_MEM_RESERVED  2 /**< Memory-map type: reserved, do not use. */
#define MB2_MEM_ACPI	  3 /**< Memory-map type: ACPI tables, reclaimable after reading. */
#define MB2_MEM_NVS	  4 /**< Memory-map type: ACPI non-volatile storage, preserve. */
#define MB2_MEM_BAD	  5 /**< Memory-map type: defective RAM. */

/** @brief One range of the boot loader's physical memory map. */
struct mb2_mmap_entry {
	uint64_t base; /**< Physical start address in bytes. */
	uint64_t len;  /**< Length in bytes (may be 0 as the loader gave it). */
	uint32_t type; /**< MB2_MEM_* value, or another number from the loader. */
};

/** @brief One boot module (a GRUB `module2` line). */
struct mb2_module {
	uint64_t start; /**< Physical address of the first byte. */
	uint64_t end;	/**< Physical address one past the last byte; >= start. */
	/** Path and arguments; points into the boot information block and is
	 *  NUL-terminated inside its tag. */
	const char *cmdline;
};

/** @brief Framebuffer description (tag type 8). */
struct mb2_fb {
	bool present;	 /**< True when the loader supplied a framebuffer tag. */
	uint64_t addr;	 /**< Physical address of the framebuffer. */
	uint32_t pitch;	 /**< Bytes per scan line. */
	uint32_t width;	 /**< Width in pixels (or characters for EGA text). */
	uint32_t height; /**< Height in pixels (or characters for EGA text). */
	uint8_t bpp;	 /**< Bits per pixel. */
	uint8_t type;	 /**< 0 indexed colour, 1 direct RGB, 2 EGA text. */
};

/** @brief Everything mb2_parse() decodes from the boot information. */
struct mb2_info {
	/** Kernel command line (points into the block), or NULL. */
	const char *cmdline;
	/** Boot loader name (points into the block), or NULL. */
	const char *loader;
	bool has_meminfo;      /**< True when the basic meminfo tag was present. */
	uint32_t mem_lower_kb; /**< Lower memory from address 0, in KiB. */
	uint32_t mem_upper_kb; /**< Upper memory from 1 MiB, in KiB. */
	/** Memory map, in loader order (several map tags are concatenated). */
	struct mb2_mmap_entry mmap[MB2_MAX_MMAP];
	unsigned nmmap;	     /**< Valid entries in mb2_info::mmap (<= MB2_MAX_MMAP). */
	bool mmap_truncated; /**< True when the loader gave more than MB2_MAX_MMAP. */
	/** Boot modules, in loader order. */
	struct mb2_module mods[MB2_MAX_MODS];
	unsigned nmods;	     /**< Valid entries in mb2_info::mods (<= MB2_MAX_MODS). */
	bool mods_truncated; /**< True when the loader gave more than MB2_MAX_MODS. */
	struct mb2_fb fb;    /**< Framebuffer; fb.present says whether it is valid. */
	/** Copy of the ACPI RSDP inside the block, or NULL; the ACPI 2.0+ copy
	 *  (tag 15) wins over the 1.0 one (tag 14) whatever their order. */
	const void *rsdp;
	uint32_t rsdp_len; /**< Bytes at mb2_info::rsdp (>= 20; >= 36 for tag 15). */
	unsigned nunknown; /**< Tags skipped because this parser does not decode them. */
};

/**
 * @brief Decode and check a Multiboot2 boot information block.
 *
 * @p out is zeroed first. Tags are decoded in order; when one is malformed
 * the walk stops, everything decoded from the tags before it stays in
 * @p out, and one line saying what and where is written to @p err.
 * A block is malformed when it is not 8-byte aligned, when total_size is
 * below 16, above @p avail or not a multiple of 8, when a tag is shorter
 * than its header or its fields, runs past total_size, holds a string not
 * NUL-terminated inside the tag, a module ending before it starts, or a
 * memory map whose entry_size is below 24, not a multiple of 8 or does not
 * divide the entry area, and when the end tag (type 0, size 8) is missing,
 * has another size, or is not the last 8 bytes of total_size.
 * More modules or memory-map entries than fit are not an error: the extra
 * ones are dropped and the matching *_truncated flag is set.
 *
 * @param mbi boot information block (physical address from EBX, mapped);
 *            borrowed, and must stay mapped while @p out is used, since
 *            strings and the RSDP point into it. May be NULL (rejected).
 * @param avail bytes the caller can safely read at @p mbi; nothing past
 *              min(@p avail, total_size) is read.
 * @param out result, written in full; must not be NULL.
 * @param err buffer for one NUL-terminated diagnostic line starting with
 *            "mb2: " (empty on success); may be NULL.
 * @param errlen size of @p err in bytes; 0 writes nothing. Longer lines are
 *               cut short.
 * @retval 0 the block is well formed and fully decoded.
 * @retval -EINVAL the block (or @p mbi / @p out) is invalid; see @p err.
 */
int mb2_parse(const void *mbi, size_t avail, struct mb2_info *out, char *err, size_t errlen);

/**
 * @brief Name a memory-map type for the boot log.
 * @param type memory-map type from an mb2_mmap_entry.
 * @return "available", "reserved", "ACPI reclaimable", "ACPI NVS", "bad",
 *         or "unknown" for any other value; a static string.
 */
const char *mb2_mem_type_name(uint32_t type);

/**
 * @brief Add up the lengths of the memory-map entries of one type.
 * @param info decoded boot information; NULL gives 0.
 * @param type MB2_MEM_* value (or any loader number) to match.
 * @return total length in bytes, saturated at UINT64_MAX.
 */
uint64_t mb2_mem_total(const struct mb2_info *info, uint32_t type);

#endif /* CORE_MB2_H_ */
