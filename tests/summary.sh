#!/bin/sh
# Count the TAP lines of every result file and print the last line of
# `make test`: "N passed, N failed". Fails on any failure or on no tests.
# A failed file's TAP diagnostics ("# ..." lines: a QEMU test's last serial
# lines and thread report, tests/qemu/logdiag.sh) follow its FAILED lines.
set -u
pass=0
fail=0
for f in "$@"; do
	if [ ! -f "$f" ]; then
		echo "missing result file $f"
		fail=$((fail + 1))
		continue
	fi
	p=$(grep -c '^ok' "$f")
	n=$(grep -c '^not ok' "$f")
	pass=$((pass + p))
	fail=$((fail + n))
	grep '^not ok' "$f" | sed 's/^/FAILED: /'
	[ "$n" -gt 0 ] && grep '^# ' "$f" | head -30
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
