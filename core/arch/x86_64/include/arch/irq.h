/**
 * @file arch/irq.h
 * @brief Legacy interrupt controller (two 8259A PICs) control.
 * @ingroup arch
 */
#ifndef ARCH_IRQ_H_
#define ARCH_IRQ_H_

/** @brief Remap IRQs 0-15 to vectors 0x20-0x2f and mask all of them. */
void arch_pic_init(void);

/**
 * @brief Let an IRQ line through.
 * @param irq line number, 0-15; other values are ignored.
 */
void arch_irq_unmask(unsigned irq);

/**
 * @brief Block an IRQ line (the cascade line 2 stays open).
 * @param irq line number, 0-15; other values are ignored.
 */
void arch_irq_mask(unsigned irq);

/**
 * @brief Acknowledge an IRQ at the controller.
 * @param irq line number, 0-15.
 * @return 1 if the IRQ was real, 0 if it was spurious (no handler must run).
 */
int arch_irq_ack(unsigned irq);

#endif /* ARCH_IRQ_H_ */
