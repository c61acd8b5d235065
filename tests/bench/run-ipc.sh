#!/bin/sh
# zero against Linux on IPC and mappings (issue 14, item 8): the benchmark
# user/bench/ipcbench.c (one source; the zero build is in the root image as
# /usr/bench/ipcbench, the Linux one is built here with gcc -static and
# glibc) run as the first process of each kernel under QEMU -icount
# shift=0, where rdtsc counts guest instructions. Linux is Debian's
# linux-image-amd64 (tests/bench/linux-deps.sh) booted with an initramfs
# made here: busybox sh as /init mounts a tmpfs on /tmp (zero's /tmp is its
# ramfs, also named tmpfs), runs the benchmark and powers off. A row zero
# cannot run yet (mmap of a regular file refused) says n/a. Prints one
# table with the issue's goal: zero at most half of Linux on every row.
set -eu
B=${B:-build}
QEMU=${QEMU:-qemu-system-x86_64}
work="$B/bench/ipc"
rm -rf "$work"
mkdir -p "$work"
MACHINE="-accel tcg -cpu max -icount shift=0 -smp 1 -m 256M -no-reboot -display none"

rows() { tr -d '\r' <"$1" | sed -n 's/^ipcbench: \(.*\) | \([0-9]*\|n\/a\)$/\1|\2/p'; }

# zero: the binary is in the root image already (user/rules.mk).
tools/mktestiso.sh "$work/zero" zero "init=/usr/bench/ipcbench halt=exit panic=exit" "" >/dev/null 2>&1 ||
	{ echo "bench: cannot make an ISO for zero" >&2; exit 1; }
# shellcheck disable=SC2086
timeout 600 "$QEMU" $MACHINE -serial "file:$work/zero.log" \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom "$work/zero/test.iso" </dev/null >/dev/null 2>&1 || true
if ! grep -q "ipcbench: done" "$work/zero.log"; then
	echo "bench: ipcbench did not finish on zero; its log is $work/zero.log" >&2
	tr -d '\r' <"$work/zero.log" | grep "ipcbench: failed" >&2 || true
	exit 1
fi
rows "$work/zero.log" >"$work/zero.rows"
notes=$(tr -d '\r' <"$work/zero.log" | sed -n 's/^ipcbench: note: /zero: /p')

# Linux: the same source with glibc, an initramfs, the installed kernel.
. tests/bench/linux-boot.sh
why=""
linux_find
if [ -z "$why" ] && ! ${HOSTCC:-gcc} -static -O2 -o "$work/ipcbench-linux" user/bench/ipcbench.c 2>"$work/gcc.log"; then
	why="gcc -static cannot build the benchmark ($work/gcc.log)"
fi
[ -n "$why" ] || linux_run "$work" "ipcbench: done" "/bin/busybox mount -t tmpfs tmpfs /tmp
/ipcbench" "$work/ipcbench-linux"
if [ -n "$why" ]; then
	: >"$work/linux.rows"
else
	rows "$work/linux.log" >"$work/linux.rows"
fi

echo "zero against Linux ($(basename "${kernel:-none}")): guest instructions per operation, QEMU -icount shift=0"
echo "goal (issue 14): zero at most half of Linux on every row, i.e. zero/Linux <= 0.50"
awk -F'|' '
	function num(v) { return v ~ /^[0-9]+$/ }
	FNR == 1 { f++ }
	f == 1 { order[++m] = $1; z[$1] = $2; next }
	{ l[$1] = $2 }
	END {
		printf "| %-66s | %10s | %10s | %10s | %-6s |\n", "operation", "zero", "Linux", "zero/Linux", "goal"
		sep = sprintf("%68s", ""); gsub(/ /, "-", sep)
		printf "|%s|------------|------------|------------|--------|\n", sep
		for (i = 1; i <= m; i++) {
			k = order[i]; lv = (k in l) ? l[k] : "-"
			ok = num(z[k]) && num(lv) && lv + 0 > 0
			r = ok ? sprintf("%.2f", z[k] / lv) : "-"
			t = ok ? (r + 0 <= 0.5 ? "met" : "missed") : (num(z[k]) ? "-" : "n/a")
			printf "| %-66s | %10s | %10s | %10s | %-6s |\n", k, z[k], lv, r, t
		}
	}' "$work/zero.rows" "$work/linux.rows"
[ -z "$notes" ] || echo "$notes"
[ -z "$why" ] || echo "bench: the Linux column is missing: $why"
exit 0
