#!/bin/sh
# Make the kernel's symbol table for backtraces from `nm` output.
# Usage: ksymgen.sh KERNEL.elf > ksyms.S   (or --empty for the first pass)
# Symbols without a size (assembly labels) get size 0. Only text symbols go in: their addresses do not move when the table (which
# sits after .rodata) grows between the two link passes.
set -eu
if [ "$1" = "--empty" ]; then syms() { :; }; else syms() { nm -n -S --defined-only "$1"; }; fi
syms "$1" | awk '
BEGIN { n = 0; off = 0 }
NF == 3 { $4 = $3; $3 = $2; $2 = "0" }
($3 == "t" || $3 == "T" || $3 == "W") && $1 ~ /^ffffffff8/ {
	addr[n] = $1; size[n] = $2; name[n] = $4; noff[n] = off
	off += length($4) + 1; n++
}
END {
	print "\t.section .ksym, \"a\""
	print "\t.balign 8"
	print "ksym_syms:"
	for (i = 0; i < n; i++)
		printf "\t.quad 0x%s\n\t.long 0x%s, %d\n", addr[i], size[i], noff[i]
	print "ksym_names:"
	for (i = 0; i < n; i++)
		printf "\t.asciz \"%s\"\n", name[i]
	print "ksym_names_end:"
	print "\t.balign 8"
	print "\t.globl ksym_kernel"
	print "ksym_kernel:"
	print "\t.quad ksym_syms"
	printf "\t.quad %d\n", n
	print "\t.quad ksym_names"
	print "\t.quad ksym_names_end - ksym_names"
}'
