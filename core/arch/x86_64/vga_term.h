/**
 * @file vga_term.h
 * @brief The terminal of the VGA text screen: the VT100/ANSI subset the
 *        shell and the tools use, over an array of character cells.
 * @ingroup arch
 *
 * Plain C with no hardware access (vga.c gives it the screen memory and
 * moves the hardware cursor after each write), so the host tests run it
 * on a buffer of their own. Understood: CR, LF (a line feed only: the
 * kernel's own messages come with CR LF), BS, TAB (stops every 8
 * columns), BEL (ignored); ESC 7 / ESC 8 (save, restore the cursor), ESC c
 * (reset); CSI n A/B/C/D (cursor moves), CSI r;c H and f, CSI n G, CSI n d,
 * CSI n J (0, 1, 2), CSI n K (0, 1, 2), CSI n P and n @ (delete, insert
 * characters), CSI s / u, CSI ... m (0, 1, 7, 22, 27, 30-37, 39, 40-47,
 * 49); other sequences are swallowed. Writing in the last column leaves
 * the cursor past it; the next character wraps to a new line (as VT100).
 * Leaving the last row scrolls the screen up.
 */
#ifndef MACHINE_VGA_TERM_H_
#define MACHINE_VGA_TERM_H_

#include <stdint.h>

/** Parameters of a CSI sequence kept (more are ignored). */
#define VGA_TERM_NPARAM 8

/** The state of one text screen and its escape-sequence parser. */
struct vga_term {
	volatile uint16_t *cells;	 /**< rows x cols cells: attribute << 8 | character. */
	unsigned rows;			 /**< Rows of the screen. */
	unsigned cols;			 /**< Columns of the screen. */
	unsigned row;			 /**< Cursor row, 0-based. */
	unsigned col;			 /**< Cursor column, 0-based; == cols: wrap pending. */
	unsigned saved_row;		 /**< Row saved by ESC 7 / CSI s. */
	unsigned saved_col;		 /**< Column saved by ESC 7 / CSI s. */
	uint8_t fg;			 /**< Foreground colour (VGA numbering, 0-7). */
	uint8_t bg;			 /**< Background colour (VGA numbering, 0-7). */
	uint8_t bold;			 /**< Bright foreground. */
	uint8_t reverse;		 /**< Foreground and background swapped. */
	int state;			 /**< Parser state (vga_term.c). */
	unsigned nparam;		 /**< CSI parameters seen so far. */
	unsigned param[VGA_TERM_NPARAM]; /**< Their values (0: not given). */
};

/**
 * @brief Take a screen: default colours, cursor at the top left, screen
 *        cleared.
 * @param t the terminal. @param cells its memory. @param rows rows.
 * @param cols columns.
 */
void vga_term_init(struct vga_term *t, volatile uint16_t *cells, unsigned rows, unsigned cols);

/**
 * @brief Interpret one byte written to the screen.
 * @param t the terminal. @param c the byte.
 */
void vga_term_putc(struct vga_term *t, unsigned char c);

/**
 * @brief The attribute byte the next character gets.
 * @param t the terminal.
 * @return background << 4 | foreground, VGA style.
 */
uint8_t vga_term_attr(const struct vga_term *t);

#endif /* MACHINE_VGA_TERM_H_ */
