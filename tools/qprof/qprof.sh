#!/bin/sh
# Profile one row of a guest benchmark by function, in guest instructions:
# boot zero under -icount shift=0 with the qprof plugin twice, with the row
# and without it, and print the difference by function (tools/qprof/qprof.py).
# Usage: tools/qprof/qprof.sh ROW [PROGRAM [ENVNAME]]
#   e.g. tools/qprof/qprof.sh sem_pair   (user/bench/ipcbench.c's rows)
# PROGRAM defaults to ipcbench, ENVNAME (the variable that picks a row) to
# IPCBENCH_ONLY. A developer's tool: not part of make test.
set -eu
row=$1 prog=${2:-ipcbench} var=${3:-IPCBENCH_ONLY}
B=${B:-build}
QEMU=${QEMU:-qemu-system-x86_64}
work="$B/qprof"
mkdir -p "$work"
${HOSTCC:-gcc} -O2 -shared -fPIC -o "$work/qprof.so" tools/qprof/qprof.c
run() { # name value
	tools/mktestiso.sh "$work/$1" zero \
		"loglevel=7 init=/usr/bench/$prog init.$var=$2 halt=exit panic=exit" "" >/dev/null
	timeout 900 "$QEMU" -accel tcg -cpu max -icount shift=0 -smp 1 -m 256M -no-reboot \
		-display none -serial "file:$work/$1.log" \
		-plugin "$work/qprof.so,out=$work/$1.prof" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom "$work/$1/test.iso" \
		</dev/null >/dev/null 2>&1 || true
}
run base none &
run row "$row"
wait
tr -d '\r' <"$work/row.log" | grep "^$prog: " || true
python3 tools/qprof/qprof.py "$work/row.log" "$work/row.prof" "$work/base.prof" \
	--user "$B/root/usr/bench/$prog" --top "${TOP:-45}"
