#!/bin/sh
# Make a BIOS-bootable GRUB 2 ISO from a directory tree with /boot/grub/grub.cfg.
# Usage: mkiso.sh DIR OUT.iso
# Only the GRUB modules that tools/mkgrubcfg.sh's grub.cfg needs go in (GRUB
# adds their dependencies), without locales, fonts or themes: the ISO is a
# fifth of the size and grub-mkrescue several times faster, which the quick
# loop (`make run MODULES=... BOOT=...`) and every QEMU test wait for.
# GRUB_MODULES=... replaces the list.
set -eu
mods=${GRUB_MODULES:-"normal multiboot2 serial terminal echo boot iso9660 biosdisk part_msdos"}
log=$(mktemp)
if ! grub-mkrescue --install-modules="$mods" --locales= --fonts= --themes= -o "$2" "$1" \
	>"$log" 2>&1; then
	cat "$log" >&2
	rm -f "$log"
	exit 1
fi
rm -f "$log"
