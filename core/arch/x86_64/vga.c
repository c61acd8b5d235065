/*
 * VGA text mode console (80x25 at physical 0xb8000, reached through the
 * direct map). GRUB leaves BIOS machines in this mode when the kernel asks
 * for no framebuffer.
 */
#include <stddef.h>
#include <stdint.h>

#include <machine/console.h>
#include <machine/cpufunc.h>
#include <arch/mmu.h>

#define VGA_COLS 80
#define VGA_ROWS 25
#define VGA_ATTR 0x07
#define VGA_CRTC 0x3d4

static volatile uint16_t *const vga_buf = (volatile uint16_t *)(KERN_DIRECT_BASE + 0xb8000);
static unsigned vga_row, vga_col;

static void vga_cursor(void)
{
	unsigned pos = vga_row * VGA_COLS + vga_col;

	arch_outb(VGA_CRTC, 0x0f);
	arch_outb(VGA_CRTC + 1, pos & 0xff);
	arch_outb(VGA_CRTC, 0x0e);
	arch_outb(VGA_CRTC + 1, (pos >> 8) & 0xff);
}

static void vga_scroll(void)
{
	for (unsigned i = 0; i < (VGA_ROWS - 1) * VGA_COLS; i++)
		vga_buf[i] = vga_buf[i + VGA_COLS];
	for (unsigned i = 0; i < VGA_COLS; i++)
		vga_buf[(VGA_ROWS - 1) * VGA_COLS + i] = (VGA_ATTR << 8) | ' ';
	vga_row = VGA_ROWS - 1;
}

static void vga_putc(char c)
{
	if (c == '\n') {
		vga_col = 0;
		vga_row++;
	} else if (c == '\r') {
		vga_col = 0;
	} else if (c == '\b') {
		if (vga_col > 0)
			vga_col--;
	} else {
		vga_buf[vga_row * VGA_COLS + vga_col] = (VGA_ATTR << 8) | (uint8_t)c;
		if (++vga_col == VGA_COLS) {
			vga_col = 0;
			vga_row++;
		}
	}
	if (vga_row == VGA_ROWS)
		vga_scroll();
}

void arch_vga_init(void)
{
	for (unsigned i = 0; i < VGA_ROWS * VGA_COLS; i++)
		vga_buf[i] = (VGA_ATTR << 8) | ' ';
	vga_row = vga_col = 0;
	vga_cursor();
}

void arch_vga_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		vga_putc(s[i]);
	vga_cursor();
}
