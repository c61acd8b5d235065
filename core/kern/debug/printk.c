/*
 * printk: format into a line buffer, append it to the log ring, and send
 * it to the consoles when its level is shown. Interrupts are off while a
 * message is written so that lines from an interrupt handler do not tear.
 */
#include <stdarg.h>
#include <stddef.h>

#include <arch/arch.h>
#include <kern/kmod.h>
#include <kern/fmt.h>
#include <kern/printk.h>
#include <kern/string.h>

#define PRINTK_LINE 512
/* What ends a message cut at PRINTK_LINE - 1 bytes: a visible mark and the
 * newline the cut took away, so the next message starts its own line. */
#define PRINTK_CUT "[...]\n"

static char printk_ring[PRINTK_LOG_SIZE];
static size_t printk_head;  /* total bytes ever written */
static size_t printk_claim; /* printk_head plus the bytes being written now */
static int printk_console_level = LOG_INFO;

/* The claim goes up before the bytes are written and the head after, so
 * that printk_log_tail() can tell which bytes it copied were overwritten. */
static void printk_ring_put(const char *s, size_t n)
{
	__atomic_store_n(&printk_claim, printk_head + n, __ATOMIC_RELEASE);
	for (size_t i = 0; i < n; i++)
		printk_ring[(printk_head + i) % PRINTK_LOG_SIZE] = s[i];
	__atomic_store_n(&printk_head, printk_head + n, __ATOMIC_RELEASE);
}

int vprintk_level(int level, const char *fmt, va_list ap)
{
	char line[PRINTK_LINE];
	int n = fmt_vsnprintf(line, sizeof(line), fmt, ap);
	size_t len = n < 0 ? 0 : (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1;
	uint64_t flags;

	if (n >= (int)sizeof(line)) {
		len = sizeof(line) - 1;
		memcpy(line + len - (sizeof(PRINTK_CUT) - 1), PRINTK_CUT, sizeof(PRINTK_CUT) - 1);
	}
	flags = arch_irq_save();

	printk_ring_put(line, len);
	if (level <= printk_console_level)
		arch_console_write(line, len);
	arch_irq_restore(flags);
	return n;
}
KERN_EXPORT(vprintk_level);

int printk_level(int level, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk_level(level, fmt, ap);
	va_end(ap);
	return n;
}
KERN_EXPORT(printk_level);

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk_level(LOG_INFO, fmt, ap);
	va_end(ap);
	return n;
}
KERN_EXPORT(printk);

void printk_set_console_level(int level)
{
	if (level >= LOG_EMERG && level <= LOG_DEBUG)
		printk_console_level = level;
}

size_t printk_log_read(char *buf, size_t len)
{
	size_t held = printk_head < PRINTK_LOG_SIZE ? printk_head : PRINTK_LOG_SIZE;
	size_t start = printk_head - held;
	size_t n = len < held ? len : held;

	for (size_t i = 0; i < n; i++)
		buf[i] = printk_ring[(start + i) % PRINTK_LOG_SIZE];
	return n;
}
KERN_EXPORT(printk_log_read);

size_t printk_log_held(void)
{
	size_t head = __atomic_load_n(&printk_head, __ATOMIC_ACQUIRE);

	return head < PRINTK_LOG_SIZE ? head : PRINTK_LOG_SIZE;
}
KERN_EXPORT(printk_log_held);

/*
 * Lock-free read: note the head, copy the newest bytes below it, then look
 * at the claim. A writer that claimed d more bytes meanwhile may have
 * overwritten the oldest d bytes of what was copied (positions wrap
 * around the ring), so those are dropped and the rest moved to the front.
 */
size_t printk_log_tail(char *buf, size_t len)
{
	size_t head = __atomic_load_n(&printk_head, __ATOMIC_ACQUIRE);
	size_t held = head < PRINTK_LOG_SIZE ? head : PRINTK_LOG_SIZE;
	size_t n = len < held ? len : held, start = head - n, now, lost;

	for (size_t i = 0; i < n; i++)
		buf[i] = printk_ring[(start + i) % PRINTK_LOG_SIZE];
	now = __atomic_load_n(&printk_claim, __ATOMIC_ACQUIRE);
	/* Positions below now - PRINTK_LOG_SIZE have been written over. */
	lost = now - start > PRINTK_LOG_SIZE ? now - start - PRINTK_LOG_SIZE : 0;
	if (lost >= n)
		return 0;
	if (lost) {
		memmove(buf, buf + lost, n - lost);
		n -= lost;
	}
	return n;
}
KERN_EXPORT(printk_log_tail);
