/*
 * The table of interrupt-line handlers. A line without a handler is
 * counted and reported once instead of being ignored silently.
 */
#include <stddef.h>

#include <arch/arch.h>
#include <core/cpu.h>
#include <core/irqdisp.h>
#include <kern/irq.h>
#include <kern/kmod.h>
#include <kern/printk.h>
#include <uapi/errno.h>

static void (*irq_handlers[IRQ_LINES])(unsigned irq);
static unsigned long irq_unhandled[IRQ_LINES];

int irq_register(unsigned irq, void (*fn)(unsigned irq))
{
	if (irq >= IRQ_LINES || fn == NULL)
		return -EINVAL;
	if (irq_handlers[irq])
		return -EBUSY;
	irq_handlers[irq] = fn;
	arch_irq_unmask(irq);
	return 0;
}
KERN_EXPORT(irq_register);

void irq_dispatch(unsigned irq)
{
	if (irq >= IRQ_LINES)
		return;
	if (irq_handlers[irq]) {
		cpu_self()->intr_depth++;
		irq_handlers[irq](irq);
		cpu_self()->intr_depth--;
		return;
	}
	if (irq_unhandled[irq]++ == 0)
		pr_warn("irq %u: no handler, masking it\n", irq);
	arch_irq_mask(irq);
}
