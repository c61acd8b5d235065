/*
 * A stand-in for proc_current() until the process code (core/kern/proc,
 * with fork, exec, exit and the system-call dispatcher) defines the real
 * one, which then takes precedence over this weak definition: every thread
 * is a kernel thread here. Nothing calls the file system calls before the
 * dispatcher lands. Delete this file with that change.
 */
#include <stddef.h>

#include <core/proc.h>

__attribute__((weak)) struct proc *proc_current(void)
{
	return NULL;
}
