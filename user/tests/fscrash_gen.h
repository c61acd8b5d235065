/**
 * @file fscrash_gen.h
 * @brief The file contents of the power-cut test, shared by the guest
 *        workload (user/tests/fscrash.c) and the host checker
 *        (tests/crash/fscrash_gen.c): byte i of a file made from seed s is
 *        the i-th byte of an xorshift32 stream started at s, so a file is
 *        checked from its seed and length alone.
 * @ingroup ztest
 */
#ifndef USER_TESTS_FSCRASH_GEN_H_
#define USER_TESTS_FSCRASH_GEN_H_

#include <stddef.h>
#include <stdint.h>

/** @brief The stream's state for a seed (never 0). @param seed any. @return the state. */
static inline uint32_t fscrash_start(uint32_t seed)
{
	return seed ? seed : 0x9e3779b9u;
}

/**
 * @brief Fill @p buf with the next @p len bytes of the stream.
 * @param st the state (advanced). @param buf out. @param len bytes.
 */
static inline void fscrash_fill(uint32_t *st, unsigned char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		uint32_t x = *st;

		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		*st = x;
		buf[i] = (unsigned char)(x >> 24);
	}
}

#endif /* USER_TESTS_FSCRASH_GEN_H_ */
