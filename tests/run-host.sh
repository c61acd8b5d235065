#!/bin/sh
# Run one cmocka test binary, its results as TAP in OUT.
# Usage: run-host.sh BINARY OUT.tap [ARGS...]
# A binary that dies (a sanitizer report, a signal) without saying why in
# TAP still counts as one failure, with its output shown.
set -u
bin=$1
out=$2
shift 2
name=$(basename "$bin")
mkdir -p "$(dirname "$out")"
log="$out.log"
CMOCKA_MESSAGE_OUTPUT=TAP "$bin" "$@" >"$log" 2>&1
rc=$?
grep -E '^(not )?ok ' "$log" | sed "s/^\(\(not \)\{0,1\}ok\) [0-9]* - /\1 - $name: /" >"$out"
if [ $rc -ne 0 ] && ! grep -q '^not ok' "$out"; then
	echo "not ok - $name: exited with status $rc" >>"$out"
fi
if [ $rc -ne 0 ]; then
	echo "--- $name failed (status $rc); its output:"
	cat "$log"
	echo "---"
fi
pass=$(grep -c '^ok' "$out")
fail=$(grep -c '^not ok' "$out")
echo "host  $name: $pass passed, $fail failed"
exit 0
