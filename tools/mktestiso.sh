#!/bin/sh
# Make an ISO that boots one menu entry of tools/menu.txt at once, with
# extra command-line words and modules (for tests and benchmarks).
# Usage: mktestiso.sh WORKDIR ENTRY "WORDS" "MODULES" ["OMIT"]
# The kernel and the root image (initrd.cpio) come from build/iso/boot,
# modules from build/iso/boot/mod; an extra one from build/tests/kmod
# (test fixtures) or build/modules (e.g. one built by `make module M=<dir>`).
set -eu
work=$1 entry=$2 words=$3 mods=$4 omit=${5:-}
B=${B:-build}
rm -rf "$work/iso"
mkdir -p "$work/iso/boot/grub" "$work/iso/boot/mod"
cp "$B/iso/boot/zero.elf" "$B/iso/boot/initrd.cpio" "$work/iso/boot/"
cp "$B"/iso/boot/mod/*.ko "$work/iso/boot/mod/"
oldifs=$IFS
IFS=','
for m in $mods; do
	IFS=$oldifs
	m=${m%%:*}
	[ -z "$m" ] && continue
	if [ -f "$B/tests/kmod/$m.ko" ]; then
		cp "$B/tests/kmod/$m.ko" "$work/iso/boot/mod/"
	elif [ -f "$B/modules/$m.ko" ]; then
		cp "$B/modules/$m.ko" "$work/iso/boot/mod/"
	elif [ ! -f "$work/iso/boot/mod/$m.ko" ]; then
		echo "mktestiso: no module file for '$m'" >&2
		exit 1
	fi
done
IFS=$oldifs
tools/mkgrubcfg.sh tools/menu.txt --default "$entry" --timeout 0 --append "$words" \
	--modules "$mods" --omit "$omit" >"$work/iso/boot/grub/grub.cfg"
tools/mkiso.sh "$work/iso" "$work/test.iso"
