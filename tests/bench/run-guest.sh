#!/bin/sh
# Boot one menu entry per scheduler with `bench=sched` and print their rows
# side by side in one table. QEMU runs with -icount shift=0, so "cycles"
# are guest instructions: repeatable, and comparable between the columns.
# Usage: run-guest.sh ENTRY... (default: zero zero-stride)
set -u
B=${B:-build}
[ $# -eq 0 ] && set -- zero zero-stride
work="$B/bench/guest"
mkdir -p "$work"
for e in "$@"; do
	tools/mktestiso.sh "$work/$e" "$e" "tmr.hz=1000 bench=sched halt=exit panic=exit" "" \
		>/dev/null 2>&1 || { echo "bench: cannot make an ISO for $e" >&2; exit 1; }
	timeout 300 ${QEMU:-qemu-system-x86_64} -accel tcg -cpu max -icount shift=0 -m 256M \
		-no-reboot -display none -serial "file:$work/$e.log" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom "$work/$e/test.iso" \
		</dev/null >/dev/null 2>&1
	if ! grep -q "bench: done" "$work/$e.log"; then
		echo "bench: the $e boot did not finish; its log is $work/$e.log" >&2
		exit 1
	fi
	tr -d '\r' <"$work/$e.log" | sed -n 's/^bench: \(.*\) | \(.*\) | \(.*\)$/\1|\2|\3/p' >"$work/$e.rows"
done
echo "guest scheduler benchmark (QEMU -icount shift=0: cycles are guest instructions; HZ=1000)"
awk -F'|' -v n=$# -v entries="$*" '
	FNR == 1 { f++ }
	{ key[$1] = 1; val[f, $1] = $2; unit[$1] = $3; if (f == 1) order[++m] = $1 }
	END {
		split(entries, name, " ")
		head = sprintf("| %-40s", "menu entry")
		rule = "|------------------------------------------"
		for (j = 1; j <= n; j++) { head = head sprintf(" | %12s", name[j]); rule = rule "|--------------" }
		printf "%s | %-15s |\n%s|-----------------|\n", head, "unit", rule
		for (i = 1; i <= m; i++) {
			k = order[i]
			line = sprintf("| %-40s", k)
			for (j = 1; j <= n; j++) line = line sprintf(" | %12s", val[j, k])
			printf "%s | %-15s |\n", line, unit[k]
		}
	}' $(for e in "$@"; do echo "$work/$e.rows"; done)
