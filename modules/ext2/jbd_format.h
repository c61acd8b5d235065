/**
 * @file jbd_format.h
 * @brief The JBD2 journal's on-disk format (the subset modules/ext2's journal speaks).
 * @ingroup ext2
 *
 * Facts from the ext4 wiki's "Journal (jbd2)" page and e2fsprogs'
 * kernel-jbd.h. Every field is big-endian; the records are described by
 * byte offsets, read and written with jbd_get32()/jbd_put32() (never by
 * casting a block to a struct), so no alignment or padding is assumed.
 *
 * Every journal block that is not a logged copy starts with a 12-byte
 * header: magic, block type, sequence (the transaction's number).
 */
#ifndef MODULES_EXT2_JBD_FORMAT_H_
#define MODULES_EXT2_JBD_FORMAT_H_

#include <stdint.h>

/** h_magic of every header. */
#define JBD_MAGIC 0xc03b3998U

/** @name Block types (h_blocktype) */
/** @{ */
#define JBD_DESCRIPTOR 1 /**< Tags of the logged blocks that follow it. */
#define JBD_COMMIT     2 /**< The transaction is complete. */
#define JBD_SB_V1      3 /**< Superblock, version 1 (no features). */
#define JBD_SB_V2      4 /**< Superblock, version 2. */
#define JBD_REVOKE     5 /**< Revoke records. */
/** @} */

/** @name Header offsets */
/** @{ */
#define JBD_H_MAGIC 0x0 /**< be32 magic. */
#define JBD_H_TYPE  0x4 /**< be32 block type. */
#define JBD_H_SEQ   0x8 /**< be32 sequence. */
#define JBD_H_SIZE  12	/**< Bytes of the header. */
/** @} */

/** @name Superblock offsets (block 0 of the journal) */
/** @{ */
#define JBD_SB_BLOCKSIZE 0x0c /**< be32 journal block size. */
#define JBD_SB_MAXLEN	 0x10 /**< be32 blocks in the journal file. */
#define JBD_SB_FIRST	 0x14 /**< be32 first block of the log. */
#define JBD_SB_SEQUENCE	 0x18 /**< be32 first transaction expected in the log. */
#define JBD_SB_START	 0x1c /**< be32 log block of that transaction; 0: empty. */
#define JBD_SB_ERRNO	 0x20 /**< be32 (signed) error of an aborted journal. */
#define JBD_SB_COMPAT	 0x24 /**< be32 compatible features. */
#define JBD_SB_INCOMPAT	 0x28 /**< be32 incompatible features. */
#define JBD_SB_RO_COMPAT 0x2c /**< be32 read-only compatible features. */
#define JBD_SB_UUID	 0x30 /**< 16 bytes: the journal's UUID. */
#define JBD_SB_NR_USERS	 0x40 /**< be32 file systems sharing the journal. */
#define JBD_SB_MAX_TRANS 0x48 /**< be32 limit of blocks per transaction (0: none). */
#define JBD_SB_CSUM_TYPE 0x50 /**< u8 checksum type. */
#define JBD_SB_NUM_FC	 0x54 /**< be32 fast-commit blocks. */
#define JBD_SB_CHECKSUM	 0xfc /**< be32 crc32c of the superblock (CSUM_V2/V3). */
#define JBD_SB_SIZE	 1024 /**< Bytes of the superblock (the checksum covers them). */
#define JBD_CRC32C	 4    /**< s_checksum_type of crc32c. */
/** @} */

/** @name Features */
/** @{ */
#define JBD_COMPAT_CHECKSUM	  0x01 /**< Commit blocks carry a crc32 of the transaction. */
#define JBD_INCOMPAT_REVOKE	  0x01 /**< Revoke blocks. */
#define JBD_INCOMPAT_64BIT	  0x02 /**< 64-bit block numbers in tags and revokes. */
#define JBD_INCOMPAT_ASYNC_COMMIT 0x04 /**< The commit block may precede the log blocks. */
#define JBD_INCOMPAT_CSUM_V2	  0x08 /**< crc32c checksums, version 2. */
#define JBD_INCOMPAT_CSUM_V3	  0x10 /**< crc32c checksums, version 3. */
#define JBD_INCOMPAT_FAST_COMMIT  0x20 /**< Fast-commit blocks. */
/** Incompatible features this journal reads and writes. */
#define JBD_INCOMPAT_KNOWN (JBD_INCOMPAT_REVOKE | JBD_INCOMPAT_64BIT | JBD_INCOMPAT_CSUM_V3)
/** @} */

/** @name Descriptor block tags (after the header)
 * A tag without 64BIT is 8 bytes: be32 block, be16 checksum, be16 flags;
 * 64BIT adds be32 high block bits (12 bytes). With CSUM_V3 a tag is 16
 * bytes: be32 block, be32 flags, be32 high bits, be32 checksum. The first tag of a
 * descriptor is followed by the 16-byte UUID; later ones say SAME_UUID.
 */
/** @{ */
#define JBD_TAG_BLOCKNR 0x0 /**< be32 home block, low 32 bits. */
#define JBD_TAG_FLAGS	0x6 /**< be16 flags. */
#define JBD_TAG_HIGH	0x8 /**< be32 home block, high 32 bits (64BIT). */
#define JBD_TAG3_FLAGS	0x4 /**< be32 flags in a CSUM_V3 tag. */
#define JBD_TAG3_CSUM	0xc /**< be32 crc32c of sequence and block in a CSUM_V3 tag. */
#define JBD_TAG3	16  /**< Tag bytes with CSUM_V3. */
#define JBD_TAIL	4   /**< The be32 checksum ending a descriptor or revoke block (CSUM_V3). */
#define JBD_TAG3_FLAGS	0x4 /**< be32 flags in a CSUM_V3 tag. */
#define JBD_TAG3_CSUM	0xc /**< be32 crc32c of sequence and block in a CSUM_V3 tag. */
#define JBD_TAG3	16  /**< Tag bytes with CSUM_V3. */
#define JBD_TAIL	4   /**< The be32 checksum ending a descriptor or revoke block (CSUM_V3). */
#define JBD_TAG_SMALL	8   /**< Tag bytes without 64BIT. */
#define JBD_TAG_LARGE	12  /**< Tag bytes with 64BIT. */
#define JBD_UUID_SIZE	16  /**< Bytes of the UUID after a first tag. */

#define JBD_FLAG_ESCAPE	   1 /**< The logged copy's first 4 bytes were the magic: zeroed. */
#define JBD_FLAG_SAME_UUID 2 /**< No UUID follows this tag. */
#define JBD_FLAG_DELETED   4 /**< Unused by recovery. */
#define JBD_FLAG_LAST_TAG  8 /**< The descriptor's last tag. */
/** @} */

/** @name Revoke block (after the header) */
/** @{ */
#define JBD_RV_COUNT 0x0c /**< be32 bytes used, header and count included. */
#define JBD_RV_SIZE  16	  /**< Bytes before the first record. */
/** @} */

/** @name Commit block (after the header) */
/** @{ */
#define JBD_CB_CHKSUM 0x10 /**< be32 h_chksum[0]: crc32c of the block (CSUM_V3). */
#define JBD_CB_CHKSUM 0x10 /**< be32 h_chksum[0]: crc32c of the block (CSUM_V3). */
#define JBD_CB_SEC    0x30 /**< be64 commit time, seconds. */
#define JBD_CB_NSEC   0x38 /**< be32 commit time, nanoseconds. */
/** @} */

/**
 * @brief Read a big-endian 32-bit field.
 * @param p the block.
 * @param off byte offset.
 * @return the value.
 */
static inline uint32_t jbd_get32(const void *p, unsigned off)
{
	const uint8_t *b = (const uint8_t *)p + off;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/**
 * @brief Read a big-endian 16-bit field.
 * @param p the block.
 * @param off byte offset.
 * @return the value.
 */
static inline uint16_t jbd_get16(const void *p, unsigned off)
{
	const uint8_t *b = (const uint8_t *)p + off;

	return (uint16_t)(b[0] << 8 | b[1]);
}

/**
 * @brief Write a big-endian 32-bit field.
 * @param p the block.
 * @param off byte offset.
 * @param v the value.
 */
static inline void jbd_put32(void *p, unsigned off, uint32_t v)
{
	uint8_t *b = (uint8_t *)p + off;

	b[0] = (uint8_t)(v >> 24);
	b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8);
	b[3] = (uint8_t)v;
}

/**
 * @brief Write a big-endian 16-bit field.
 * @param p the block.
 * @param off byte offset.
 * @param v the value.
 */
static inline void jbd_put16(void *p, unsigned off, uint16_t v)
{
	uint8_t *b = (uint8_t *)p + off;

	b[0] = (uint8_t)(v >> 8);
	b[1] = (uint8_t)v;
}

#endif /* MODULES_EXT2_JBD_FORMAT_H_ */
