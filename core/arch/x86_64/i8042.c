/*
 * The PS/2 keyboard behind the i8042 controller (data 0x60, status and
 * command 0x64, IRQ 1). The controller's translation stays on, so the
 * bytes read are scancode set 1 whatever the keyboard speaks; the io
 * module's keyboard layer turns them into characters. Bytes from the
 * mouse port (status bit 5) are read and dropped. Every wait is a bounded
 * loop: a machine without a controller reads 0xff and is left alone.
 */
#include <stdbool.h>

#include <machine/console.h>
#include <machine/cpufunc.h>

#define I8042_DATA	0x60
#define I8042_CMD	0x64
#define I8042_OBF	0x01 /* status: output buffer full (a byte for us) */
#define I8042_IBF	0x02 /* status: input buffer full (wait before writing) */
#define I8042_AUX	0x20 /* status: the byte is from the mouse */
#define I8042_READ_CFG	0x20
#define I8042_WRITE_CFG 0x60
#define I8042_CFG_IRQ1	0x01
#define I8042_CFG_NOKBD 0x10 /* keyboard clock off */
#define I8042_CFG_XLATE 0x40
#define I8042_SPIN	100000
#define I8042_IRQ	1
#define I8042_FLUSH_MAX 32

static bool i8042_present;

static bool i8042_wait_write(void)
{
	for (int i = 0; i < I8042_SPIN; i++)
		if (!(arch_inb(I8042_CMD) & I8042_IBF))
			return true;
	return false;
}

static int i8042_read_wait(void)
{
	for (int i = 0; i < I8042_SPIN; i++)
		if (arch_inb(I8042_CMD) & I8042_OBF)
			return arch_inb(I8042_DATA);
	return -1;
}

int arch_kbd_enable(void)
{
	int cfg;

	if (arch_inb(I8042_CMD) == 0xff)
		return -1;
	for (int i = 0; i < I8042_FLUSH_MAX && (arch_inb(I8042_CMD) & I8042_OBF); i++)
		(void)arch_inb(I8042_DATA);
	if (!i8042_wait_write())
		return -1;
	arch_outb(I8042_CMD, I8042_READ_CFG);
	cfg = i8042_read_wait();
	if (cfg < 0)
		return -1;
	cfg = (cfg | I8042_CFG_IRQ1 | I8042_CFG_XLATE) & ~I8042_CFG_NOKBD;
	if (!i8042_wait_write())
		return -1;
	arch_outb(I8042_CMD, I8042_WRITE_CFG);
	if (!i8042_wait_write())
		return -1;
	arch_outb(I8042_DATA, (uint8_t)cfg);
	i8042_present = true;
	return I8042_IRQ;
}

int arch_kbd_getc(void)
{
	for (;;) {
		uint8_t st;

		if (!i8042_present)
			return -1;
		st = arch_inb(I8042_CMD);
		if (!(st & I8042_OBF))
			return -1;
		if (!(st & I8042_AUX))
			return arch_inb(I8042_DATA);
		(void)arch_inb(I8042_DATA);
	}
}
