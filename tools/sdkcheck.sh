#!/bin/sh
# The module SDK (core/include/kern/*.h) declares only what the core
# exports: every function declared there must have a KERN_EXPORT record in
# the kernel image, or a module could compile against it and be refused at
# boot. Usage: sdkcheck.sh CC "KERNEL.elf [PROVIDER.ko...]" CPPFLAGS...
# The second argument may also list modules whose exports the SDK declares
# (kern/vfs.h: the io module's file-system interface).
# GCC's -aux-info lists every prototype the headers declare, with the file
# and line; static inline helpers are left out.
set -eu
cc=$1
elf=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for h in core/include/kern/*.h; do
	echo "#include <kern/${h##*/}>"
done >"$tmp/sdk.c"
"$cc" -std=gnu11 -ffreestanding -fsyntax-only "$@" -aux-info "$tmp/aux" "$tmp/sdk.c"
grep '^/\* core/include/kern/' "$tmp/aux" | grep -v '\*/ static ' |
	sed -E 's/^\/\* ([^:]+:[0-9]+):[A-Z]+ \*\/ (.*)$/\1 \2/' |
	sed -E 's/ \(.*$//; s/^([^ ]+) .*[^a-zA-Z0-9_]([a-zA-Z_][a-zA-Z0-9_]*)$/\2 \1/' |
	sort -u >"$tmp/declared"
# shellcheck disable=SC2086 # a list of files
nm $elf | sed -n 's/.* __kexport_\(.*\)$/\1/p' | sort -u >"$tmp/exported"
missing=$(join -v1 "$tmp/declared" "$tmp/exported" || true)
if [ -n "$missing" ]; then
	echo "sdkcheck: the module SDK declares functions the core does not export:" >&2
	echo "$missing" | while read -r name where; do
		echo "  $where: $name (add KERN_EXPORT($name), or move it to core/kern/include/core/)" >&2
	done
	exit 1
fi
