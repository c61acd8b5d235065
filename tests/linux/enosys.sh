#!/bin/sh
# Make ENOSYS stubs for every call of syscalls.tbl that tests/linux/linux_sys.c
# does not answer. Usage: enosys.sh TABLE linux_sys.c > enosys.S
set -eu
have=$(grep -o '__sys_[a-z_]*(' "$2" | tr -d '(' | sort -u)
for n in $(grep -v '^[[:space:]]*#' "$1" | awk 'NF >= 4 { print $2 }'); do
	echo "$have" | grep -qx "__sys_$n" ||
		printf '\t.globl __sys_%s\n__sys_%s:\n\tmov $-38, %%rax\n\tret\n' "$n" "$n"
done
printf '\t.section .note.GNU-stack,"",@progbits\n'
