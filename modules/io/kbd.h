/**
 * @file kbd.h
 * @brief The PC keyboard's scancodes (set 1) to the bytes a VT100 sends.
 * @ingroup io
 *
 * Letters, digits and punctuation of a US layout with Shift and CapsLock;
 * Ctrl with a letter (or @ [ \\ ] ^ _ ?) gives its control code; Alt
 * puts ESC before the key's bytes. Enter is CR, Backspace DEL, the
 * arrows ESC [ A/B/C/D, Home ESC [ H, End ESC [ F, Insert ESC [ 2 ~,
 * Delete ESC [ 3 ~, PgUp ESC [ 5 ~, PgDn ESC [ 6 ~, F1-F4 ESC O P-S and
 * F5-F12 ESC [ 15 ~ to 24 ~. The keypad gives digits with NumLock, else
 * the keys printed under them.
 */
#ifndef IO_KBD_H_
#define IO_KBD_H_

#include <stddef.h>
#include <stdint.h>

/** Most bytes one scancode gives. */
#define KBD_MAXSEQ 8

/** The state of the modifiers and of a multi-byte scancode. */
struct kbd {
	uint8_t shift; /**< Left (bit 0) and right (bit 1) Shift held. */
	uint8_t ctrl;  /**< Left (bit 0) and right (bit 1) Ctrl held. */
	uint8_t alt;   /**< Left (bit 0) and right (bit 1) Alt held. */
	uint8_t caps;  /**< CapsLock on. */
	uint8_t num;   /**< NumLock on. */
	uint8_t e0;    /**< The last byte was the 0xe0 prefix. */
	uint8_t skip;  /**< Bytes of a Pause sequence (0xe1...) still to drop. */
};

/**
 * @brief Take one scancode byte.
 * @param k the state (zeroed to start).
 * @param sc the byte from the controller.
 * @param out room for KBD_MAXSEQ bytes.
 * @return the bytes the key gives (0 for a release or a modifier).
 */
size_t kbd_scancode(struct kbd *k, uint8_t sc, char *out);

#endif /* IO_KBD_H_ */
