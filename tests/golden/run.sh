#!/bin/sh
# The golden-output tests (doc/testing.md): every case of tests/golden/*.cases
# run by GNU coreutils on the host and by zero's tools in one QEMU boot
# (init=/usr/tests/golden), compared case by case: exit statuses, stdout
# byte for byte, and whether stderr was empty. One TAP line per case.
# Usage: run.sh GOLDEN-HOST-BINARY OUT.tap
set -u
prog=$1
out=$2
B=${B:-build}
TIMEOUT=${TIMEOUT:-600}
work=$(pwd)/$B/tests/golden
rm -rf "$work"
mkdir -p "$work" "$(dirname "$out")"

# The host side: the same runner, compiled for the host, on GNU tools.
tests/golden/mktree.sh "$work/tree" "$B/user/bin/true"
env -i PATH=/usr/bin:/bin LC_ALL=C TZ=UTC "$prog" -t "$work/tree" -w "$work/hostrun" \
	-p /usr/bin:/bin tests/golden/*.cases >"$work/host.out" 2>"$work/host.err"

# The zero side: one boot with the runner as the first process.
if ! tools/mktestiso.sh "$work" zero "panic=exit halt=exit init=/usr/tests/golden" "" \
	>"$work/mkiso.log" 2>&1; then
	echo "not ok - golden: could not make the ISO: $(tail -1 "$work/mkiso.log")" >"$out"
	exit 0
fi
log="$work/serial.log"
start=$(date +%s)
timeout --foreground "$TIMEOUT" ${QEMU:-qemu-system-x86_64} ${QEMU_ACCEL:--accel tcg -cpu max} \
	-m "${QEMU_MEM:-256M}" -no-reboot -display none -serial "file:$log" \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom "$work/test.iso" \
	</dev/null >"$work/qemu.out" 2>&1
rc=$?
secs=$(($(date +%s) - start))
tr -d '\r' <"$log" | sed -n '/^@@ golden begin$/,/^@@ golden done/p' >"$work/zero.out"

# Split both outputs into one file per case, named after file:line.
split() {
	mkdir -p "$2"
	awk -v dir="$2" '
	/^@@ golden / { next }
	/^@@ end$/ { if (f != "") { print >> f; close(f) }; f = ""; next }
	/^@@ [^ ]+:[0-9]+ exit / { f = dir "/" $2; print > f; next }
	f != "" { print >> f }' "$1"
}
split "$work/host.out" "$work/host"
split "$work/zero.out" "$work/zero"

n=0 bad=0
: >"$out"
for f in tests/golden/*.cases; do
	name=$(basename "$f")
	lineno=0
	while IFS= read -r line || [ -n "$line" ]; do
		lineno=$((lineno + 1))
		case $line in '' | '#'*) continue ;; esac
		n=$((n + 1))
		key="$name:$lineno"
		if [ ! -f "$work/host/$key" ]; then
			echo "not ok $n - golden $line # the host run printed nothing for $key" >>"$out"
			bad=$((bad + 1))
		elif [ ! -f "$work/zero/$key" ]; then
			echo "not ok $n - golden $line # zero printed nothing for $key" >>"$out"
			bad=$((bad + 1))
		elif cmp -s "$work/host/$key" "$work/zero/$key"; then
			echo "ok $n - golden $line" >>"$out"
		else
			echo "not ok $n - golden $line ($key)" >>"$out"
			diff -u "$work/host/$key" "$work/zero/$key" | sed '1,2d; 21,$d; s/^/# /' >>"$out"
			bad=$((bad + 1))
		fi
	done <"$f"
done
if [ "$rc" != 33 ]; then
	echo "not ok $((n + 1)) - golden: the zero run ended with QEMU status $rc (33 expected)" >>"$out"
	bad=$((bad + 1))
fi
echo "golden: $n cases, $bad failed, zero's run took ${secs}s (results in $out)"
exit 0
