#!/bin/sh
# Boot the default menu entry with `bench=mem` under QEMU -icount shift=0
# (the cycle counter then counts guest instructions, so every row repeats
# exactly) and print its rows beside the "before" column recorded in
# tests/bench/mem-before.rows (the same benchmark on the tree before issue
# 10's fast paths). Usage: run-mem.sh [ENTRY]
set -u
B=${B:-build}
e=${1:-zero}
work="$B/bench/guest"
mkdir -p "$work"
tools/mktestiso.sh "$work/mem-$e" "$e" "bench=mem halt=exit panic=exit" "" >/dev/null 2>&1 ||
	{ echo "bench: cannot make an ISO for $e" >&2; exit 1; }
timeout 300 ${QEMU:-qemu-system-x86_64} -accel tcg -cpu max -icount shift=0 -m 256M \
	-no-reboot -display none -serial "file:$work/mem-$e.log" \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom "$work/mem-$e/test.iso" \
	</dev/null >/dev/null 2>&1
if ! grep -q "bench: done" "$work/mem-$e.log"; then
	echo "bench: the $e boot did not finish; its log is $work/mem-$e.log" >&2
	exit 1
fi
tr -d '\r' <"$work/mem-$e.log" | sed -n 's/^bench: \(.*\) | \(.*\) | \(.*\)$/\1|\2|\3/p' >"$work/mem-$e.rows"
[ "${BENCH_RECORD:-}" ] && cp "$work/mem-$e.rows" "$BENCH_RECORD"
echo "guest memory benchmark (QEMU -icount shift=0: cycles are guest instructions)"
awk -F'|' '
	FNR == 1 { f++ }
	f == 1 { before[$1] = $2; next }
	{ order[++m] = $1; val[$1] = $2; unit[$1] = $3 }
	END {
		printf "| %-48s | %12s | %12s | %7s | %-6s |\n", "row", "before", "after", "ratio", "unit"
		printf "|--------------------------------------------------|--------------|--------------|---------|--------|\n"
		for (i = 1; i <= m; i++) {
			k = order[i]; b = (k in before) ? before[k] : "-"
			r = (b != "-" && val[k] + 0 > 0) ? sprintf("%.1fx", b / val[k]) : "-"
			printf "| %-48s | %12s | %12s | %7s | %-6s |\n", k, b, val[k], r, unit[k]
		}
	}' tests/bench/mem-before.rows "$work/mem-$e.rows"
