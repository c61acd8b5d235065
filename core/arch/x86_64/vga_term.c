/*
 * The VGA text screen's terminal (machine/vga_term.h): a three-state
 * parser (plain text, after ESC, inside a CSI sequence) over a cell array.
 * No locking here: vga.c's callers serialise the writers.
 */
#include <stdint.h>

#include "vga_term.h"

enum { VT_TEXT, VT_ESC, VT_CSI };

#define VT_ESC_CHAR 0x1b
#define VT_TABSTOP  8

/* ANSI colour numbers (black red green yellow blue magenta cyan white) to VGA's. */
static const uint8_t vt_ansi_to_vga[8] = { 0, 4, 2, 6, 1, 5, 3, 7 };

uint8_t vga_term_attr(const struct vga_term *t)
{
	uint8_t fg = t->fg, bg = t->bg;

	if (t->reverse) {
		fg = t->bg;
		bg = t->fg;
	}
	return (uint8_t)((bg << 4) | fg | (t->bold ? 8 : 0));
}

static uint16_t vt_blank(const struct vga_term *t)
{
	return (uint16_t)(vga_term_attr(t) << 8 | ' ');
}

static void vt_fill(struct vga_term *t, unsigned from, unsigned to)
{
	uint16_t b = vt_blank(t);

	for (unsigned i = from; i < to; i++)
		t->cells[i] = b;
}

static void vt_scroll(struct vga_term *t)
{
	unsigned n = (t->rows - 1) * t->cols;

	for (unsigned i = 0; i < n; i++)
		t->cells[i] = t->cells[i + t->cols];
	vt_fill(t, n, n + t->cols);
}

static void vt_linefeed(struct vga_term *t)
{
	if (t->row + 1 < t->rows)
		t->row++;
	else
		vt_scroll(t);
}

static void vt_reset_attr(struct vga_term *t)
{
	t->fg = 7;
	t->bg = 0;
	t->bold = t->reverse = 0;
}

void vga_term_init(struct vga_term *t, volatile uint16_t *cells, unsigned rows, unsigned cols)
{
	t->cells = cells;
	t->rows = rows;
	t->cols = cols;
	t->row = t->col = t->saved_row = t->saved_col = 0;
	t->state = VT_TEXT;
	t->nparam = 0;
	vt_reset_attr(t);
	vt_fill(t, 0, rows * cols);
}

static void vt_print(struct vga_term *t, unsigned char c)
{
	if (t->col >= t->cols) {
		t->col = 0;
		vt_linefeed(t);
	}
	t->cells[t->row * t->cols + t->col] = (uint16_t)(vga_term_attr(t) << 8 | c);
	t->col++;
}

static void vt_control(struct vga_term *t, unsigned char c)
{
	switch (c) {
	case '\r':
		t->col = 0;
		break;
	case '\n':
	case '\v':
	case '\f':
		vt_linefeed(t);
		break;
	case '\b':
		if (t->col >= t->cols)
			t->col = t->cols - 1;
		if (t->col > 0)
			t->col--;
		break;
	case '\t':
		t->col = (t->col / VT_TABSTOP + 1) * VT_TABSTOP;
		if (t->col >= t->cols)
			t->col = t->cols - 1;
		break;
	case VT_ESC_CHAR:
		t->state = VT_ESC;
		break;
	default: /* BEL and the other control characters: nothing */
		break;
	}
}

/* Parameter @i, or @def when it is absent or 0. */
static unsigned vt_arg(const struct vga_term *t, unsigned i, unsigned def)
{
	return i < t->nparam && t->param[i] ? t->param[i] : def;
}

static unsigned vt_clamp(unsigned v, unsigned max)
{
	return v > max ? max : v;
}

static void vt_erase(struct vga_term *t, int line, unsigned how)
{
	unsigned start = line ? t->row * t->cols : 0;
	unsigned end = line ? start + t->cols : t->rows * t->cols;
	unsigned here = t->row * t->cols + vt_clamp(t->col, t->cols - 1);

	if (how == 0)
		vt_fill(t, here, end);
	else if (how == 1)
		vt_fill(t, start, here + 1);
	else
		vt_fill(t, start, end);
}

/* CSI n P (delete) and n @ (insert): shift the rest of the cursor's row. */
static void vt_shift(struct vga_term *t, unsigned n, int insert)
{
	unsigned col = vt_clamp(t->col, t->cols - 1), left = t->cols - col;
	volatile uint16_t *row = t->cells + t->row * t->cols + col;

	n = vt_clamp(n, left);
	if (insert) {
		for (unsigned i = left; i-- > n;)
			row[i] = row[i - n];
		for (unsigned i = 0; i < n; i++)
			row[i] = vt_blank(t);
	} else {
		for (unsigned i = 0; i + n < left; i++)
			row[i] = row[i + n];
		for (unsigned i = left - n; i < left; i++)
			row[i] = vt_blank(t);
	}
}

static void vt_sgr_one(struct vga_term *t, unsigned p)
{
	if (p == 0)
		vt_reset_attr(t);
	else if (p == 1)
		t->bold = 1;
	else if (p == 7)
		t->reverse = 1;
	else if (p == 22)
		t->bold = 0;
	else if (p == 27)
		t->reverse = 0;
	else if (p >= 30 && p <= 37)
		t->fg = vt_ansi_to_vga[p - 30];
	else if (p == 39)
		t->fg = 7;
	else if (p >= 40 && p <= 47)
		t->bg = vt_ansi_to_vga[p - 40];
	else if (p == 49)
		t->bg = 0;
}

static void vt_sgr(struct vga_term *t)
{
	if (t->nparam == 0)
		vt_reset_attr(t);
	for (unsigned i = 0; i < t->nparam; i++)
		vt_sgr_one(t, t->param[i]);
}

static void vt_csi_move(struct vga_term *t, unsigned char f)
{
	unsigned n = vt_arg(t, 0, 1), col = vt_clamp(t->col, t->cols - 1);

	if (f == 'A')
		t->row = t->row > n ? t->row - n : 0;
	else if (f == 'B')
		t->row = vt_clamp(t->row + n, t->rows - 1);
	else if (f == 'C')
		t->col = vt_clamp(col + n, t->cols - 1);
	else if (f == 'D')
		t->col = col > n ? col - n : 0;
	else if (f == 'G')
		t->col = vt_clamp(n - 1, t->cols - 1);
	else if (f == 'd')
		t->row = vt_clamp(n - 1, t->rows - 1);
	if (f == 'A' || f == 'B')
		t->col = col;
}

static void vt_csi_final(struct vga_term *t, unsigned char f)
{
	switch (f) {
	case 'A':
	case 'B':
	case 'C':
	case 'D':
	case 'G':
	case 'd':
		vt_csi_move(t, f);
		break;
	case 'H':
	case 'f':
		t->row = vt_clamp(vt_arg(t, 0, 1) - 1, t->rows - 1);
		t->col = vt_clamp(vt_arg(t, 1, 1) - 1, t->cols - 1);
		break;
	case 'J':
	case 'K':
		vt_erase(t, f == 'K', t->nparam ? t->param[0] : 0);
		break;
	case 'P':
	case '@':
		vt_shift(t, vt_arg(t, 0, 1), f == '@');
		break;
	case 'm':
		vt_sgr(t);
		break;
	case 's':
		t->saved_row = t->row;
		t->saved_col = t->col;
		break;
	case 'u':
		t->row = t->saved_row;
		t->col = t->saved_col;
		break;
	default:
		break;
	}
}

static void vt_csi(struct vga_term *t, unsigned char c)
{
	if (c >= '0' && c <= '9') {
		if (t->nparam == 0)
			t->nparam = 1;
		if (t->nparam <= VGA_TERM_NPARAM) {
			unsigned *p = &t->param[t->nparam - 1];

			*p = *p < 10000 ? *p * 10 + (c - '0') : *p;
		}
	} else if (c == ';') {
		if (t->nparam == 0)
			t->nparam = 1;
		if (t->nparam < VGA_TERM_NPARAM)
			t->param[t->nparam] = 0;
		t->nparam++;
	} else if (c >= 0x40 && c <= 0x7e) {
		if (t->nparam > VGA_TERM_NPARAM)
			t->nparam = VGA_TERM_NPARAM;
		vt_csi_final(t, c);
		t->state = VT_TEXT;
	} else if (c == VT_ESC_CHAR || c == 0x18 || c == 0x1a) {
		t->state = c == VT_ESC_CHAR ? VT_ESC : VT_TEXT; /* cancelled */
	} /* '?', intermediates: ignored, the sequence goes on */
}

static void vt_esc(struct vga_term *t, unsigned char c)
{
	t->state = VT_TEXT;
	if (c == '[') {
		t->state = VT_CSI;
		t->nparam = 0;
		t->param[0] = 0;
	} else if (c == '7') {
		t->saved_row = t->row;
		t->saved_col = t->col;
	} else if (c == '8') {
		t->row = t->saved_row;
		t->col = t->saved_col;
	} else if (c == 'c') {
		vga_term_init(t, t->cells, t->rows, t->cols);
	}
}

void vga_term_putc(struct vga_term *t, unsigned char c)
{
	if (t->state == VT_ESC)
		vt_esc(t, c);
	else if (t->state == VT_CSI)
		vt_csi(t, c);
	else if (c < 0x20 || c == 0x7f)
		vt_control(t, c);
	else
		vt_print(t, c);
}
