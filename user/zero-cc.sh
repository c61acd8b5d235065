#!/bin/sh
# zero-cc: the host GCC for zero programs, like musl-gcc. It finds the
# sysroot beside itself (bin/..): our headers before GCC's freestanding ones
# (stddef.h, stdarg.h...), no host headers or libraries; links static with
# crt0.o, libc.a, libgcc and zero.ld. -lc -lpthread -lm -lrt -static
# -pthread are accepted and resolve to libc. -static-pie (or -pie) makes a
# static position-independent program instead (ET_DYN, compiled -fPIE,
# entered through rcrt0.o, which relocates it where the kernel loaded it;
# objects compiled separately need -fPIE or -static-pie too). ZERO_HOSTCC
# names the compiler (default gcc).
# Usage as gcc's: zero-cc [-c] [-o out] files... [flags]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cc=${ZERO_HOSTCC:-gcc}
gccinc=$("$cc" -print-file-name=include)
link=1
pie=0
n=$#
while [ "$n" -gt 0 ]; do
	a=$1
	shift
	n=$((n - 1))
	case $a in
	-lc | -lpthread | -lm | -lrt | -static | -pthread) continue ;;
	-static-pie | -pie)
		pie=1
		continue
		;;
	-c | -S | -E | -M | -MM) link=0 ;;
	esac
	set -- "$@" "$a"
done
pic="-fno-pie -fno-pic"
[ "$pie" -eq 1 ] && pic="-fPIE"
cflags="-nostdinc -isystem $root/include -isystem $gccinc -D__zero__ $pic \
-fno-stack-protector -fno-plt -fno-asynchronous-unwind-tables"
if [ "$link" -eq 0 ]; then
	# shellcheck disable=SC2086
	exec "$cc" $cflags "$@"
fi
ldflags="-Wl,-z,separate-code -Wl,-z,noexecstack -Wl,-z,max-page-size=0x1000 -Wl,--build-id=none"
if [ "$pie" -eq 1 ]; then
	# ld's own layout for a PIE (linked at 0, with PT_PHDR and PT_DYNAMIC)
	# shellcheck disable=SC2086
	exec "$cc" $cflags -static-pie -nostdlib $ldflags -Wl,-z,text -Wl,--no-dynamic-linker \
		"$root/lib/rcrt0.o" "$@" -Wl,--start-group "$root/lib/libc.a" -lgcc -Wl,--end-group
fi
# shellcheck disable=SC2086
exec "$cc" $cflags -static -nostdlib -no-pie -Wl,-T,"$root/lib/zero.ld" $ldflags \
	"$root/lib/crt0.o" "$@" -Wl,--start-group "$root/lib/libc.a" -lgcc -Wl,--end-group
