#!/bin/sh
# Profile a guest benchmark by function, in guest instructions: boot zero
# under -icount shift=0 with the qprof plugin twice, with the work and
# without it (or with less of it), and print the difference by function
# (tools/qprof/qprof.py), divided by DIV.
#
# Usage: tools/qprof/qprof.sh ROW    one row of user/bench/ipcbench.c
#   (null pipe msg sem_pair sem_pingpong shm_pingpong mmap_anon file_fault)
# Other programs of /usr/bench, through the environment:
#   PROG=fsbench   the program (default ipcbench)
#   WORDS=...      kernel words for both boots (init.NAME=value: its environment)
#   A=... BASE=... the words of the profiled boot and of the baseline
#   DISK=1         attach a fresh 256 MiB ext3 image as a virtio disk (/dev/vda)
#   DIV=N          divide the difference (A ran the work N times more than BASE)
#   TOP=N          rows shown (default 45)
# e.g. one warm `ls -lR` walk of fsbench's 5,000-file tree:
#   PROG=fsbench DISK=1 WORDS="root=ram init.FSBENCH_DEV=/dev/vda \
#     init.FSBENCH_TYPE=ext2 init.FSBENCH_ONLY=tree" \
#     A=init.FSBENCH_WARM_WALKS=5 BASE=init.FSBENCH_WARM_WALKS=1 DIV=4 \
#     tools/qprof/qprof.sh
# A developer's tool (doc/debugging.md), not part of make test.
set -eu
prog=${PROG:-ipcbench}
if [ $# -gt 0 ]; then
	A="init.IPCBENCH_ONLY=$1" BASE="init.IPCBENCH_ONLY=none"
fi
: "${A:?say a row, or set A and BASE}" "${BASE:?}"
B=${B:-build}
QEMU=${QEMU:-qemu-system-x86_64}
work="$B/qprof"
mkdir -p "$work"
${HOSTCC:-gcc} -O2 -shared -fPIC -o "$work/qprof.so" tools/qprof/qprof.c
run() { # name words
	disk=""
	if [ "${DISK:-0}" = 1 ]; then
		rm -f "$work/$1.img"
		truncate -s 256M "$work/$1.img"
		mke2fs -q -F -t ext3 -b 4096 "$work/$1.img" >/dev/null
		disk="-drive file=$work/$1.img,if=none,id=d1,format=raw,cache=unsafe -device virtio-blk-pci,drive=d1"
	fi
	tools/mktestiso.sh "$work/$1" zero \
		"loglevel=7 init=/usr/bench/$prog ${WORDS:-} $2 halt=exit panic=exit" "" >/dev/null
	# shellcheck disable=SC2086
	timeout 1800 "$QEMU" -accel tcg -cpu max -icount shift=0 -smp 1 -m 512M -no-reboot \
		-display none -serial "file:$work/$1.log" \
		-plugin "$work/qprof.so,out=$work/$1.prof" $disk -boot d \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom "$work/$1/test.iso" \
		</dev/null >/dev/null 2>&1 || true
}
run base "$BASE" &
run row "$A"
wait
tr -d '\r' <"$work/row.log" | grep "^$prog: " || true
python3 tools/qprof/qprof.py "$work/row.log" "$work/row.prof" "$work/base.prof" \
	--user "$B/root/usr/bench/$prog" --top "${TOP:-45}" --div "${DIV:-1}"
