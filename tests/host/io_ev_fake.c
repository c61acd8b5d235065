/*
 * What the io module's event queues (modules/io/ev_*.c) need of the core
 * in the io host tests: the event role's registration (never called
 * there: io_mod.c is left out), the caller's pid and the user-pointer
 * check (host tests move kernel memory only).
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/event.h>
#include <kern/procinfo.h>
#include <kern/uaccess.h>

int ev_register(const struct ev_ops *ops)
{
	(void)ops;
	return 0;
}

long proc_self_pid(void)
{
	return 1;
}

int uaccess_ok(uint64_t uaddr, size_t len)
{
	return uaddr != 0 && uaddr + len >= uaddr;
}
