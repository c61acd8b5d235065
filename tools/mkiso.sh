#!/bin/sh
# Make a BIOS-bootable GRUB 2 ISO from a directory tree with /boot/grub/grub.cfg.
# Usage: mkiso.sh DIR OUT.iso
set -eu
log=$(mktemp)
if ! grub-mkrescue -o "$2" "$1" >"$log" 2>&1; then
	cat "$log" >&2
	rm -f "$log"
	exit 1
fi
rm -f "$log"
