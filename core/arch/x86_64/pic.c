/*
 * The two 8259A PICs, remapped so IRQs 0-15 arrive on vectors 0x20-0x2f
 * (Zero book, section 5.1.2) instead of colliding with CPU exceptions.
 * Every line starts masked; drivers unmask the ones they handle.
 */
#include <stdint.h>

#include <arch/arch.h>
#include <machine/cpufunc.h>
#include <machine/irq.h>
#include <machine/trap.h>

#define PIC1_CMD     0x20
#define PIC1_DATA    0x21
#define PIC2_CMD     0xa0
#define PIC2_DATA    0xa1
#define PIC_EOI	     0x20
#define ICW1_INIT    0x11
#define ICW4_8086    0x01
#define PIC_READ_ISR 0x0b

static uint16_t pic_mask = 0xffff;

static void pic_io_wait(void)
{
	arch_outb(0x80, 0);
}

static void pic_write_mask(void)
{
	arch_outb(PIC1_DATA, pic_mask & 0xff);
	arch_outb(PIC2_DATA, pic_mask >> 8);
}

void arch_pic_init(void)
{
	arch_outb(PIC1_CMD, ICW1_INIT);
	pic_io_wait();
	arch_outb(PIC2_CMD, ICW1_INIT);
	pic_io_wait();
	arch_outb(PIC1_DATA, TRAPIRQ0);
	pic_io_wait();
	arch_outb(PIC2_DATA, TRAPIRQ0 + 8);
	pic_io_wait();
	arch_outb(PIC1_DATA, 1 << 2); /* slave on IRQ 2 */
	pic_io_wait();
	arch_outb(PIC2_DATA, 2);
	pic_io_wait();
	arch_outb(PIC1_DATA, ICW4_8086);
	pic_io_wait();
	arch_outb(PIC2_DATA, ICW4_8086);
	pic_io_wait();
	pic_mask = 0xffff & ~(1 << 2);
	pic_write_mask();
}

void arch_irq_unmask(unsigned irq)
{
	if (irq < 16) {
		pic_mask &= ~(1u << irq);
		pic_write_mask();
	}
}

void arch_irq_mask(unsigned irq)
{
	if (irq < 16 && irq != 2) {
		pic_mask |= 1u << irq;
		pic_write_mask();
	}
}

/* A spurious IRQ 7 or 15 is one whose in-service bit is clear. */
static int pic_spurious(unsigned irq)
{
	uint16_t cmd = irq < 8 ? PIC1_CMD : PIC2_CMD;

	arch_outb(cmd, PIC_READ_ISR);
	return !(arch_inb(cmd) & (1u << (irq & 7)));
}

int arch_irq_ack(unsigned irq)
{
	if ((irq == 7 || irq == 15) && pic_spurious(irq)) {
		if (irq == 15)
			arch_outb(PIC1_CMD, PIC_EOI);
		return 0;
	}
	if (irq >= 8)
		arch_outb(PIC2_CMD, PIC_EOI);
	arch_outb(PIC1_CMD, PIC_EOI);
	return 1;
}
