#!/bin/sh
# zero against Linux: the user-space benchmark user/bench/ubench.c (one
# source; the zero build is in the root image as /usr/bench/ubench, the
# Linux one is built here with gcc -static and glibc) run as the first
# process of each kernel under QEMU -icount shift=0, where rdtsc counts
# guest instructions. Linux is Debian's linux-image-amd64 (installed by
# tests/bench/linux-deps.sh) booted with an initramfs made here: busybox sh
# as /init runs the benchmark and powers off. Prints one table with the
# issue's target (zero at most half of Linux on every row).
set -eu
B=${B:-build}
QEMU=${QEMU:-qemu-system-x86_64}
work="$B/bench/ubench"
rm -rf "$work"
mkdir -p "$work"

rows() { tr -d '\r' <"$1" | sed -n 's/^ubench: \(.*\) | \([0-9]*\)$/\1|\2/p'; }

# zero: the binaries are in the root image already (user/rules.mk).
tools/mktestiso.sh "$work/zero" zero "init=/usr/bench/ubench halt=exit panic=exit" "" >/dev/null 2>&1 ||
	{ echo "bench: cannot make an ISO for zero" >&2; exit 1; }
timeout 300 "$QEMU" -accel tcg -cpu max -icount shift=0 -m 256M -no-reboot -display none \
	-serial "file:$work/zero.log" -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-cdrom "$work/zero/test.iso" </dev/null >/dev/null 2>&1 || true
grep -q "ubench: done" "$work/zero.log" ||
	{ echo "bench: ubench did not finish on zero; its log is $work/zero.log" >&2; exit 1; }
rows "$work/zero.log" >"$work/zero.rows"

# Linux: the same source with glibc, an initramfs, the installed kernel.
. tests/bench/linux-boot.sh
why=""
linux_find
if [ -z "$why" ] && { ! ${HOSTCC:-gcc} -static -O2 -pthread -o "$work/ubench-linux" user/bench/ubench.c 2>"$work/gcc.log" ||
	! ${HOSTCC:-gcc} -static -O2 -o "$work/utrue-linux" user/bench/utrue.c 2>>"$work/gcc.log"; }; then
	why="gcc -static cannot build the benchmark ($work/gcc.log)"
fi
[ -n "$why" ] || linux_run "$work" "ubench: done" /ubench "$work/ubench-linux" "$work/utrue-linux"
if [ -n "$why" ]; then
	: >"$work/linux.rows"
else
	rows "$work/linux.log" >"$work/linux.rows"
fi

echo "zero against Linux ($(basename "${kernel:-none}")): guest instructions per operation, QEMU -icount shift=0"
echo "target (issue 11): zero at most half of Linux on every row, i.e. zero/Linux <= 0.50"
awk -F'|' '
	FNR == 1 { f++ }
	f == 1 { order[++m] = $1; z[$1] = $2; next }
	{ l[$1] = $2 }
	END {
		printf "| %-38s | %10s | %10s | %10s | %-6s |\n", "benchmark", "zero", "Linux", "zero/Linux", "target"
		printf "|----------------------------------------|------------|------------|------------|--------|\n"
		for (i = 1; i <= m; i++) {
			k = order[i]; lv = (k in l) ? l[k] : "-"
			r = (lv != "-" && lv + 0 > 0) ? sprintf("%.2f", z[k] / lv) : "-"
			t = (r == "-") ? "-" : (r + 0 <= 0.5 ? "met" : "missed")
			printf "| %-38s | %10s | %10s | %10s | %-6s |\n", k, z[k], lv, r, t
		}
	}' "$work/zero.rows" "$work/linux.rows"
[ -z "$why" ] || echo "bench: the Linux column is missing: $why"
exit 0
