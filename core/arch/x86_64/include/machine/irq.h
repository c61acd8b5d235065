/**
 * @file machine/irq.h
 * @brief Legacy interrupt controller (two 8259A PICs) control.
 * @ingroup arch
 */
#ifndef MACHINE_IRQ_H_
#define MACHINE_IRQ_H_

/** @brief Remap IRQs 0-15 to vectors 0x20-0x2f and mask all of them. */
void arch_pic_init(void);

#endif /* MACHINE_IRQ_H_ */
