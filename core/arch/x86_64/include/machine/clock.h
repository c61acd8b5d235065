/**
 * @file machine/clock.h
 * @brief The PC's clock hardware: the local APIC timer's vector.
 * @ingroup arch
 */
#ifndef MACHINE_CLOCK_H_
#define MACHINE_CLOCK_H_

/** Vector of the local APIC timer interrupt. */
#define TRAPTIMER 0x30

#endif /* MACHINE_CLOCK_H_ */
