/*
 * Checksums of a CSUM_V3 journal: crc32c (Castagnoli, reflected, no
 * final inversion, as JBD2 uses it) seeded with the crc32c of the
 * journal's UUID. The superblock's sum covers its 1024 bytes with the
 * field zeroed; a descriptor's and a revoke block's, the whole block with
 * its 4-byte tail zeroed; a commit block's, the whole block with
 * h_chksum[0] zeroed; a logged block's (in its tag), the transaction's
 * big-endian sequence and then the block as it is in the log.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/lock.h>

#include "jbd_format.h"
#include "jbd_int.h"

static uint32_t jbd_crc_table[256];
static struct spinlock jbd_crc_lock = SPINLOCK_INIT("jbd-crc");
static int jbd_crc_ready; /* jbd_crc_lock */

/* Fill the table once; the lock orders the filling before any use on any CPU. */
static void jbd_crc_init(void)
{
	spin_lock(&jbd_crc_lock);
	if (!jbd_crc_ready) {
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;

			for (int k = 0; k < 8; k++)
				c = (c >> 1) ^ (0x82f63b78U & (0U - (c & 1)));
			jbd_crc_table[i] = c;
		}
		jbd_crc_ready = 1;
	}
	spin_unlock(&jbd_crc_lock);
}

uint32_t jbd_crc32c(uint32_t crc, const void *p, size_t n)
{
	const uint8_t *b = p;

	jbd_crc_init();
	while (n-- > 0)
		crc = jbd_crc_table[(crc ^ *b++) & 0xff] ^ (crc >> 8);
	return crc;
}

uint32_t jbd_sb_csum(const void *sb)
{
	uint8_t copy[JBD_SB_SIZE];

	for (unsigned i = 0; i < JBD_SB_SIZE; i++)
		copy[i] = ((const uint8_t *)sb)[i];
	jbd_put32(copy, JBD_SB_CHECKSUM, 0);
	return jbd_crc32c(~0U, copy, JBD_SB_SIZE);
}

/* The sum of a block with the 4 bytes at @p off taken as zero. */
static uint32_t jbd_csum_without(const struct jbd *j, const uint8_t *blk, unsigned off)
{
	static const uint8_t zero[4];
	uint32_t c = jbd_crc32c(j->seed, blk, off);

	c = jbd_crc32c(c, zero, 4);
	return jbd_crc32c(c, blk + off + 4, j->bs - off - 4);
}

void jbd_csum_set(const struct jbd *j, void *blk)
{
	if (!j->csum)
		return;
	if (jbd_get32(blk, JBD_H_TYPE) == JBD_COMMIT)
		jbd_put32(blk, JBD_CB_CHKSUM, jbd_csum_without(j, blk, JBD_CB_CHKSUM));
	else
		jbd_put32(blk, j->bs - 4, jbd_csum_without(j, blk, j->bs - 4));
}

int jbd_csum_ok(const struct jbd *j, const void *blk)
{
	unsigned off;

	if (!j->csum)
		return 1;
	off = jbd_get32(blk, JBD_H_TYPE) == JBD_COMMIT ? JBD_CB_CHKSUM : j->bs - 4;
	return jbd_get32(blk, off) == jbd_csum_without(j, blk, off);
}

uint32_t jbd_tag_csum(const struct jbd *j, uint32_t seq, const void *data)
{
	uint8_t s[4];

	jbd_put32(s, 0, seq);
	return jbd_crc32c(jbd_crc32c(j->seed, s, 4), data, j->bs);
}
