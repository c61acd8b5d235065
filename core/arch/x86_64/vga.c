/*
 * VGA text mode console (80x25 at physical 0xb8000, reached through the
 * direct map). GRUB leaves BIOS machines in this mode when the kernel asks
 * for no framebuffer. The bytes go through the screen's terminal
 * (vga_term.c: cursor moves, erasing, colours, scrolling); the hardware
 * cursor follows it after each write. The callers serialise the writers
 * (arch.c's console lock).
 */
#include <stddef.h>
#include <stdint.h>

#include <machine/console.h>
#include <machine/cpufunc.h>
#include "vga_term.h"
#include <arch/mmu.h>

#define VGA_COLS 80
#define VGA_ROWS 25
#define VGA_CRTC 0x3d4

static struct vga_term vga_screen;

static void vga_cursor(void)
{
	unsigned col = vga_screen.col < VGA_COLS ? vga_screen.col : VGA_COLS - 1;
	unsigned pos = vga_screen.row * VGA_COLS + col;

	arch_outb(VGA_CRTC, 0x0f);
	arch_outb(VGA_CRTC + 1, pos & 0xff);
	arch_outb(VGA_CRTC, 0x0e);
	arch_outb(VGA_CRTC + 1, (pos >> 8) & 0xff);
}

void arch_vga_init(void)
{
	vga_term_init(&vga_screen, (volatile uint16_t *)(KERN_DIRECT_BASE + 0xb8000), VGA_ROWS,
		      VGA_COLS);
	vga_cursor();
}

void arch_vga_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			vga_term_putc(&vga_screen, '\r');
		vga_term_putc(&vga_screen, (unsigned char)s[i]);
	}
	vga_cursor();
}

void arch_vga_write_raw(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		vga_term_putc(&vga_screen, (unsigned char)s[i]);
	vga_cursor();
}
