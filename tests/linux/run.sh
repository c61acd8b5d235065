#!/bin/sh
# Run in-guest test programs linked against libc-on-Linux and write their
# ztest lines as TAP; a program that dies or exits non-zero without a
# "not ok" line counts as one failure. Usage: run.sh OUT.tap PROGRAM...
set -u
out=$1
shift
: >"$out"
for p in "$@"; do
	name=$(basename "$p")
	log=$(timeout 60 "$p" 2>&1)
	rc=$?
	echo "$log" | sed -n 's/^ztest: \(ok\|not ok\) - \(.*\)$/\1 - libc-on-linux \2/p' >>"$out"
	if [ $rc -ne 0 ] && ! echo "$log" | grep -q '^ztest: not ok'; then
		echo "not ok - libc-on-linux $name: exited with status $rc" >>"$out"
	fi
	if [ $rc -ne 0 ]; then
		echo "--- libc-on-linux $name failed (status $rc):"
		echo "$log" | sed 's/^/  | /'
	fi
done
grep -c '^ok' "$out" | xargs printf 'linux libc: %s passed, '
grep -c '^not ok' "$out" | xargs printf '%s failed\n'
exit 0
