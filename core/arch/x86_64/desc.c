/*
 * Descriptor tables: the GDT with kernel and user segments and a TSS, and
 * the IDT pointing at the stubs of trap_entry.S.
 *
 * The GDT order (kernel code, kernel data, user data, user code) is the one
 * `syscall`/`sysret` need: STAR's sysret base + 8 is the user stack segment
 * and + 16 the user code segment. The double fault, NMI and machine check
 * run on their own IST stacks so that a kernel stack overflow still gives
 * a readable report.
 */
#include <stdint.h>

#include <arch/thread.h>
#include <machine/desc.h>

#define GDT_TSS	       5
#define IST_STACK_SIZE 8192

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

struct idt_gate {
	uint16_t off_lo;
	uint16_t sel;
	uint8_t ist;
	uint8_t type;
	uint16_t off_mid;
	uint32_t off_hi;
	uint32_t reserved;
} __attribute__((packed));

struct desc_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

extern const uint64_t trap_stubs[256];

static uint64_t desc_gdt[7] = {
	0,
	0x00af9a000000ffff, /* kernel code */
	0x00cf92000000ffff, /* kernel data */
	0x00cff2000000ffff, /* user data */
	0x00affa000000ffff, /* user code */
};
static struct tss desc_tss;
static struct idt_gate desc_idt[256];
static uint8_t desc_ist_stacks[3][IST_STACK_SIZE] __attribute__((aligned(16)));

static void desc_set_tss(void)
{
	uint64_t base = (uint64_t)&desc_tss;
	uint64_t limit = sizeof(desc_tss) - 1;

	desc_tss.iomap_base = sizeof(desc_tss);
	for (int i = 0; i < 3; i++)
		desc_tss.ist[i] = (uint64_t)&desc_ist_stacks[i][IST_STACK_SIZE];
	desc_gdt[GDT_TSS] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ULL << 40) |
			    (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	desc_gdt[GDT_TSS + 1] = base >> 32;
}

static void desc_load_gdt(void)
{
	struct desc_ptr p = { .limit = sizeof(desc_gdt) - 1, .base = (uint64_t)desc_gdt };

	__asm__ volatile("lgdt %0\n\t"
			 "pushq %1\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movw %w2, %%ax\n\t"
			 "movw %%ax, %%ds\n\t"
			 "movw %%ax, %%es\n\t"
			 "movw %%ax, %%ss\n\t"
			 "ltr %w3"
			 :
			 : "m"(p), "i"(SEG_KCODE), "r"(SEG_KDATA), "r"(GDT_TSS * 8)
			 : "rax", "memory");
}

static void desc_set_gate(unsigned vec, uint64_t handler, uint8_t ist, uint8_t dpl)
{
	desc_idt[vec] = (struct idt_gate){
		.off_lo = handler & 0xffff,
		.sel = SEG_KCODE,
		.ist = ist,
		.type = 0x8e | (dpl << 5), /* present, 64-bit interrupt gate */
		.off_mid = (handler >> 16) & 0xffff,
		.off_hi = handler >> 32,
	};
}

void arch_desc_init(void)
{
	struct desc_ptr p = { .limit = sizeof(desc_idt) - 1, .base = (uint64_t)desc_idt };

	desc_set_tss();
	desc_load_gdt();
	for (unsigned v = 0; v < 256; v++)
		desc_set_gate(v, trap_stubs[v], 0, 0);
	desc_set_gate(2, trap_stubs[2], 2, 0);	 /* NMI */
	desc_set_gate(8, trap_stubs[8], 1, 0);	 /* double fault */
	desc_set_gate(18, trap_stubs[18], 3, 0); /* machine check */
	desc_set_gate(0x80, trap_stubs[0x80], 0, 3);
	__asm__ volatile("lidt %0" : : "m"(p) : "memory");
}

void arch_set_kstack(uint64_t top)
{
	desc_tss.rsp[0] = top;
	arch_user_set_kstack(top);
}
