#!/bin/sh
# Boot the default entry with halt=exit under QEMU -icount shift=0, three
# times, and print the kernel's boot instructions (kmain to `boot:
# complete`, from the boot log; repeatable) and the wall time from QEMU's
# start to its exit (the best of the three; firmware and GRUB included,
# noisy), beside the "before" rows of tests/bench/boot-before.rows (the
# tree before issue 10, measured the same way), and then, from one more
# boot at loglevel=7, the instructions of each boot phase (the kernel's
# `boot: phase` lines; that boot's console output makes its total a little
# higher). Usage: run-boot.sh [ENTRY]
# BENCH_RECORD=FILE writes this run's rows there.
set -u
B=${B:-build}
e=${1:-zero}
work="$B/bench/guest"
mkdir -p "$work"
tools/mktestiso.sh "$work/boot-$e" "$e" "halt=exit panic=exit" "" >/dev/null 2>&1 ||
	{ echo "bench: cannot make an ISO for $e" >&2; exit 1; }
best=""
for i in 1 2 3; do
	t0=$(date +%s%N)
	timeout 120 ${QEMU:-qemu-system-x86_64} -accel tcg -cpu max -icount shift=0 -m 256M \
		-no-reboot -display none -serial "file:$work/boot-$e.log" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom "$work/boot-$e/test.iso" \
		</dev/null >/dev/null 2>&1
	ms=$((($(date +%s%N) - t0) / 1000000))
	[ -z "$best" ] || [ "$ms" -lt "$best" ] && best=$ms
done
insns=$(tr -d '\r' <"$work/boot-$e.log" | sed -n 's/^boot: complete in .* (\([0-9]*\) million cycles)$/\1/p')
tools/mktestiso.sh "$work/boot-$e-7" "$e" "loglevel=7 halt=exit panic=exit" "" >/dev/null 2>&1 &&
	timeout 120 ${QEMU:-qemu-system-x86_64} -accel tcg -cpu max -icount shift=0 -m 256M \
		-no-reboot -display none -serial "file:$work/boot-$e-7.log" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom "$work/boot-$e-7/test.iso" \
		</dev/null >/dev/null 2>&1
size=$(du -cb "$work/boot-$e/iso/boot/zero.elf" "$work/boot-$e"/iso/boot/mod/*.ko | tail -1 | cut -f1)
rows="$work/boot-$e.rows"
{
	echo "kernel instructions, kmain to boot: complete|${insns:-?}|M insns"
	echo "wall time, QEMU start to exit (best of 3)|$best|ms"
	echo "kernel + modules GRUB reads|$((size / 1024))|KiB"
	tr -d '\r' <"$work/boot-$e-7.log" 2>/dev/null |
		sed -n 's/^boot: phase \(.*[^ ]\)  *[0-9.]* ms  *\([0-9]*\) K cycles$/phase: \1|\2|K insns/p'
} >"$rows"
[ "${BENCH_RECORD:-}" ] && cp "$rows" "$BENCH_RECORD"
echo "guest boot (QEMU -icount shift=0; before = tests/bench/boot-before.rows)"
awk -F'|' '
	FNR == 1 { f++ }
	f == 1 { before[$1] = $2; next }
	{ order[++m] = $1; val[$1] = $2; unit[$1] = $3 }
	END {
		printf "| %-48s | %12s | %12s | %7s | %-8s |\n", "row", "before", "after", "ratio", "unit"
		printf "|--------------------------------------------------|--------------|--------------|---------|----------|\n"
		for (i = 1; i <= m; i++) {
			k = order[i]; b = (k in before) ? before[k] : "-"
			r = (b != "-" && val[k] + 0 > 0) ? sprintf("%.1fx", b / val[k]) : "-"
			printf "| %-48s | %12s | %12s | %7s | %-8s |\n", k, b, val[k], r, unit[k]
		}
	}' tests/bench/boot-before.rows "$rows"
