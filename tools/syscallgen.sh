#!/bin/sh
# Make the system-call tables from core/kern/syscall/syscalls.tbl, the one
# source of truth. Usage: syscallgen.sh uapi|kernel|stubs TABLE > OUT
#   uapi    the SYS_<name> numbers (uapi/syscall.h)
#   kernel  the dispatch and name table the gate and strace= read
#   stubs   the libc stubs __sys_<name> (x86-64 `syscall`; the result in RAX,
#           turned into -errno when the kernel set CF)
set -eu
what=$1
tbl=$2
rows() { grep -v '^[[:space:]]*#' "$tbl" | awk 'NF >= 4 { print $1, $2, $3, $4 }'; }
case $what in
uapi)
	cat <<'H'
/**
 * @file uapi/syscall.h
 * @brief System call numbers (generated from core/kern/syscall/syscalls.tbl).
 * @ingroup uapi
 *
 * Number in RAX; arguments in RDI, RSI, RDX, R10, R8, R9; the result in
 * RAX; on failure the kernel returns the errno value in RAX with CF set.
 * Both `syscall` and `int 0x80` enter the same table.
 */
#ifndef UAPI_SYSCALL_H_
#define UAPI_SYSCALL_H_

H
	rows | awk '{ printf "#define SYS_%s %s /**< %s(), %s argument(s). */\n", $2, $1, $2, $3; if ($1 + 1 > max) max = $1 + 1 }
		END { printf "\n/** One more than the highest system call number. */\n#define SYS_NR %d\n", max }'
	printf '\n#endif /* UAPI_SYSCALL_H_ */\n'
	;;
kernel)
	printf '/* Generated from %s by tools/syscallgen.sh: do not edit. */\n' "$tbl"
	printf '/* Handlers are weak references: one not linked in is a NULL entry, which\n'
	printf ' * the gate answers with ENOSYS and the syscall_handlers self-test names. */\n'
	printf '#include <core/syscall.h>\n\n'
	rows | awk '{ printf "__attribute__((weak)) long sys_%s(long a0, long a1, long a2, long a3, long a4, long a5);\n", $2 }'
	printf '\nconst struct syscall_desc syscall_table[SYS_NR] = {\n'
	rows | awk '{ printf "\t[%s] = { sys_%s, \"%s\", %s, \"%s\" },\n", $1, $2, $2, $3, $4 }'
	printf '};\n'
	;;
stubs)
	printf '/* Generated from %s by tools/syscallgen.sh: do not edit. */\n' "$tbl"
	rows | awk '{
		printf "\t.text\n\t.globl __sys_%s\n\t.type __sys_%s, @function\n__sys_%s:\n", $2, $2, $2
		printf "\tmov $%s, %%eax\n\tmov %%rcx, %%r10\n\tsyscall\n\tjnc 1f\n\tneg %%rax\n1:\tret\n", $1
		printf "\t.size __sys_%s, . - __sys_%s\n\n", $2, $2 }'
	printf '\t.section .note.GNU-stack,"",@progbits\n'
	;;
*)
	echo "usage: $0 uapi|kernel|stubs TABLE" >&2
	exit 2
	;;
esac
