#!/bin/sh
# kmodcheck applies exactly the kernel's rules: every broken module that
# mkbadmods writes is loaded by one boot of the kernel and checked by
# kmodcheck, and for each file both must give the same verdict with the same
# reason (addresses aside: the kernel's module area holds other modules too),
# and the reason mkbadmods wrote down for the file (bad.txt) when it has one.
# Usage: kmodagree.sh KMODCHECK KERNEL.elf OUT.tap MODULE.ko...
set -u
check=$1 kernel=$2 out=$3
shift 3
B=${B:-build}
work=$B/tests/tools/kmodagree
rm -rf "$work"
mkdir -p "$work" "$(dirname "$out")"
mods=""
for f in "$@"; do
	mods="$mods${mods:+,}$(basename "$f" .ko)"
done
# The example modules are left out: the mutants are copies of hello; procfs
# too, so that every mutant fits in the boot loader's MODULE_MAX modules.
if ! tools/mktestiso.sh "$work" zero "panic=exit halt=exit" "$mods" "hello,hola,procfs,shmfs" \
	>"$work/mkiso.log" 2>&1; then
	echo "not ok - kmodagree: could not make the ISO: $(tail -1 "$work/mkiso.log")" >"$out"
	exit 0
fi
timeout --foreground 60 ${QEMU:-qemu-system-x86_64} ${QEMU_ACCEL:--accel tcg -cpu max} \
	-m 256M -no-reboot -display none -serial "file:$work/serial.log" \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom "$work/test.iso" \
	</dev/null >"$work/qemu.out" 2>&1
rc=$?
tr -d '\r' <"$work/serial.log" >"$work/log"
: >"$out"
if [ $rc -ne 33 ]; then
	echo "not ok - kmodagree: the boot with every broken module ended with status $rc" >>"$out"
fi
addr() { sed 's/0x[0-9a-f]*/0x?/g'; }
for f in "$@"; do
	n=$(basename "$f" .ko)
	raw=$(sed -n "s/^module $n: refused: //p; s/^module [a-z0-9_-]* ($n): refused: //p" \
		"$work/log")
	kern=$(printf '%s\n' "$raw" | addr)
	# mkbadmods says what each of its files must be refused for.
	words=$(sed -n "s/^$n.ko //p" "$(dirname "$f")/bad.txt" 2>/dev/null)
	tool=$("$check" --kernel "$kernel" --quiet "$f" 2>&1)
	trc=$?
	tool=$(printf '%s\n' "$tool" | sed -n "1s/^kmodcheck: $n.ko: //p" | addr)
	if [ -n "$words" ] && [ "${raw#*"$words"}" = "$raw" ]; then
		echo "not ok - kmodagree: $n: the kernel does not refuse it for '$words' (${raw:-accepted})" >>"$out"
	elif [ -z "$kern" ] && [ $trc -eq 0 ]; then
		echo "ok - kmodagree: $n: both accept it" >>"$out"
	elif [ -n "$kern" ] && [ $trc -ne 0 ] && [ "$kern" = "$tool" ]; then
		echo "ok - kmodagree: $n: both refuse it: $kern" >>"$out"
	else
		echo "not ok - kmodagree: $n: kernel '${kern:-accepts}', kmodcheck '${tool:-accepts}' (status $trc)" >>"$out"
	fi
done
grep -c '^ok' "$out" | xargs printf 'tool  kmodagree: %s passed, '
grep -c '^not ok' "$out" | xargs printf '%s failed\n'
if grep -q '^not ok' "$out"; then
	grep '^not ok' "$out" | sed 's/^/  /'
	sed 's/^/  | /' "$work/log" | grep 'module\|panic' | head -60
fi
exit 0
