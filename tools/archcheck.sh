#!/bin/sh
# The arch contract check: every function the contract headers declare
# (core/include/arch/*.h, and the pmap interface of kern/pmap.h that each
# arch implements) must be defined by every arch, and every contract header
# must compile on its own against every arch's machine headers.
#
# Declarations are listed by GCC itself (-aux-info on a file that includes
# every contract header), so no parsing of C by hand; static inline ones
# (irq save/restore...) come from machine/cpu.h and are checked by
# compiling with -Werror, which refuses a static function declared but
# never defined. Definitions are the global text symbols (nm) of the
# x86-64 kernel objects and of the host arch archive.
# Usage: archcheck.sh OUT.tap X86_OBJS_DIR HOST_ARCHIVE
set -u
out=$1 x86dir=$2 hostlib=$3
CC=${CC:-gcc}
tmp=${TMPDIR:-/tmp}/archcheck.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
n=0
: >"$out"
tap() {
	n=$((n + 1))
	if [ "$1" = ok ]; then echo "ok - archcheck: $2" >>"$out"; else echo "not ok - archcheck: $2" >>"$out"; fi
}

headers="$(cd core/include && ls arch/*.h) kern/pmap.h"
x86flags="-ffreestanding -fno-pic -fno-pie -mno-red-zone -mcmodel=kernel -mgeneral-regs-only -Icore/arch/x86_64/include"
hostflags="-Icore/arch/host/include"

# Each header alone, for each arch.
for h in $headers; do
	for a in x86 host; do
		eval flags=\$${a}flags
		printf '#include <%s>\n' "$h" >"$tmp/one.c"
		# shellcheck disable=SC2086
		if msg=$($CC -std=gnu11 -Wall -Wextra -Werror $flags -Icore/include -fsyntax-only \
			"$tmp/one.c" 2>&1); then
			tap ok "<$h> compiles on its own ($a)"
		else
			tap fail "<$h> does not compile on its own ($a): $(echo "$msg" | head -3)"
		fi
	done
done

# The declared names: the arch_* and pmap_* functions (trap_dispatch is
# the generic side of the contract).
for h in $headers; do printf '#include <%s>\n' "$h"; done >"$tmp/all.c"
# shellcheck disable=SC2086
$CC -std=gnu11 $hostflags -Icore/include -fsyntax-only -aux-info "$tmp/aux" "$tmp/all.c"
grep -E '^/\* core/include/(arch/|kern/pmap\.h)' "$tmp/aux" | grep -v '\*/ static ' |
	sed -E 's/^.*\*\/ *extern [^(]*[ *]([a-z_][a-z_0-9]*) \(.*$/\1/' | grep -E "^(arch|pmap)_" | sort -u >"$tmp/declared"
count=$(wc -l <"$tmp/declared")
if [ "$count" -gt 20 ]; then
	tap ok "the contract declares $count functions"
else
	tap fail "only $count functions found in the contract (aux-info parse broken?)"
fi

# The defined names, per arch.
nm -g --defined-only "$x86dir"/*.o | awk '$2 == "T" { print $3 }' | sort -u >"$tmp/x86"
nm -g --defined-only "$hostlib" | awk '$2 == "T" { print $3 }' | sort -u >"$tmp/host"
for a in x86 host; do
	missing=$(comm -23 "$tmp/declared" "$tmp/$a" | tr '\n' ' ')
	if [ -z "$missing" ]; then
		tap ok "$a implements every contract function"
	else
		tap fail "$a lacks: $missing"
	fi
done

# Generic code never names a machine header or an arch's own headers.
if grep -rn 'include <machine/' core/kern modules loader >"$tmp/grep"; then
	tap fail "generic code includes machine headers: $(head -3 "$tmp/grep")"
else
	tap ok "generic code includes no machine header"
fi
[ "$n" -gt 0 ]
