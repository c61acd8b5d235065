#!/bin/sh
# Tests of the host module checker (loader/tools/kmodcheck): good modules
# pass and print their metadata; each broken one fails with its name and
# the reason, as it would fail the build.
# Usage: kmodcheck.sh KMODCHECK KERNEL.elf OUT.tap
set -u
check=$1 kernel=$2 out=$3
B=${B:-build}
n=0
: >"$out"
tap() {
	n=$((n + 1))
	if [ "$1" = ok ]; then echo "ok - kmodcheck: $2" >>"$out"; else echo "not ok - kmodcheck: $2" >>"$out"; fi
}

msg=$("$check" --kernel "$kernel" "$B/modules/hello.ko" "$B/modules/hola.ko" 2>&1)
if [ $? -eq 0 ] && echo "$msg" | grep -q "hello.ko: name=hello version=1.0.0 abi=1 role=example" &&
	echo "$msg" | grep -q "undefined=.*example_register"; then
	tap ok "good modules pass with modinfo output"
else
	tap fail "good modules: $msg"
fi

# file | words the error line must contain
while IFS='|' read -r file words; do
	msg=$("$check" --kernel "$kernel" --quiet "$B/tests/kmod/$file" 2>&1)
	rc=$?
	if [ $rc -ne 0 ] && echo "$msg" | grep -qF "kmodcheck: $file: " && echo "$msg" | grep -qF "$words"; then
		tap ok "$file refused: $words"
	else
		tap fail "$file: status $rc, said: $msg"
	fi
done <<EOT
unresolved.ko|undefined symbol 'no_such_kernel_function'
bad_abi.ko|ABI version 99, kernel has 1
bad_trunc.ko|past end of file
bad_notelf.ko|not an ELF file
bad_machine.ko|wrong machine 3
bad_reloc.ko|unknown relocation type 9 (R_X86_64_GOTPCREL)
bad_nometa.ko|no .kmod_info section
EOT

msg=$("$check" --kernel "$B/nosuchkernel.elf" "$B/modules/hello.ko" 2>&1)
if [ $? -ne 0 ] && echo "$msg" | grep -q "nosuchkernel.elf"; then
	tap ok "a missing kernel image is an error that names it"
else
	tap fail "missing kernel: $msg"
fi
grep -c '^ok' "$out" | xargs printf 'tool  kmodcheck: %s passed, '
grep -c '^not ok' "$out" | xargs printf '%s failed\n'
grep '^not ok' "$out" | sed 's/^/  /'
exit 0
