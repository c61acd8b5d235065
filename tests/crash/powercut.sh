#!/bin/bash
# The power-cut test (issue 13): cut the power under a file-system workload
# CUTS times and check after each cut that the journal brought the disk
# back: a boot that mounts it (replaying the journal), then `e2fsck -fn` on
# the host, then every file the workload had reported fsynced (or written
# through a shared mapping and msynced), read off the
# image with debugfs and compared byte for byte with what it must hold.
#
# One QEMU boot per cut: user/tests/fscrash mounts /dev/vda (replay) and
# unmounts it, says "fscrash: clean" and waits; this script checks the image,
# types "go"; the workload runs; after a random 0.3-2.5 s QEMU is killed
# (SIGKILL: the guest gets no warning; what it had written to the disk file
# is what the next boot finds). The disk is made once by mke2fs -t ext3 and
# kept through all the cuts. A last boot replays the last cut and stops.
#
# Usage: powercut.sh CUTS OUT.tap [SEED]   (B= the build directory; the
# random cut times come from SEED, printed, so a failure can be replayed)
set -u
B=${B:-build}
cuts=$1 out=$2 seed=${3:-$$}
work="$B/crash/run-$seed"
img="$work/disk.img"
gen="$B/tests/fscrash_gen"
RANDOM=$seed
rm -rf "$work"
mkdir -p "$work" "$(dirname "$out")"
: >"$out"
n=0 failed=0 replays=0 qpid=""

tap() {
	n=$((n + 1))
	if [ "$1" = ok ]; then
		echo "ok $n - powercut $2" >>"$out"
	else
		echo "not ok $n - powercut $2" >>"$out"
		failed=$((failed + 1))
	fi
}

bail() {
	tap fail "$1 (seed $seed; log $work/boot$boot.log)"
	[ -f "$work/boot$boot.log" ] && tail -n 25 "$work/boot$boot.log" | sed 's/^/#   /' >>"$out"
	[ -n "$qpid" ] && kill -9 "$qpid" 2>/dev/null && wait "$qpid" 2>/dev/null
	summary
	exit 0
}

summary() {
	echo "powercut: $n checks, $failed failed, $replays boots replayed the journal (seed $seed)"
}

if ! mke2fs -q -F -t ext3 -b 1024 -L crash "$img" 32M >"$work/mke2fs.log" 2>&1; then
	boot=0
	bail "mke2fs failed: $(tail -1 "$work/mke2fs.log")"
fi
if ! tools/mktestiso.sh "$work/iso" zero "init=/usr/tests/fscrash loglevel=6 panic=exit halt=exit" \
	"" >"$work/mkiso.log" 2>&1; then
	boot=0
	bail "could not make the ISO: $(tail -1 "$work/mkiso.log")"
fi

# Start QEMU with the serial port on a pipe pair (fd 3: from the guest, 4: to it).
boot_start() {
	rm -f "$work/ser.in" "$work/ser.out"
	mkfifo "$work/ser.in" "$work/ser.out"
	${QEMU:-qemu-system-x86_64} ${QEMU_ACCEL:--accel tcg -cpu max} -m 256M -no-reboot \
		-display none -serial "pipe:$work/ser" -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-boot d -cdrom "$work/iso/test.iso" \
		-drive "file=$img,if=none,id=d0,format=raw" -device virtio-blk-pci,drive=d0 \
		</dev/null >"$work/qemu$boot.out" 2>&1 &
	qpid=$!
	exec 3<"$work/ser.out" 4>"$work/ser.in"
	: >"$work/boot$boot.log"
}

# Read the guest's lines until one contains $1 (at most $2 s); keep them all.
expect() {
	local want=$1 end=$(($(date +%s) + $2)) line
	while [ "$(date +%s)" -lt "$end" ]; do
		IFS= read -r -t 1 line <&3 || { [ $? -gt 128 ] && continue; bail "the guest went away waiting for '$want'"; }
		line=${line%$'\r'}
		printf '%s\n' "$line" >>"$work/boot$boot.log"
		note "$line"
		case $line in *"$want"*) return 0 ;; esac
	done
	bail "no '$want' within $2 s"
}

# What every line may say: a failure, a replay, a fsynced file.
note() {
	case $1 in
	*"fscrash: FAIL"* | *"panic:"* | *"fatal trap"* | *"killed by signal"*) bail "guest: $1" ;;
	*"journal replayed: "*) replays=$((replays + 1)) ;;
	"fscrash: fsynced "*) printf '%s\n' "${1#fscrash: fsynced }" >>"$work/fsynced$boot" ;;
	"fscrash: msynced "*) printf '%s\n' "${1#fscrash: msynced }" >>"$work/fsynced$boot" ;;
	esac
}

# Read lines for $1 ms, then cut the power.
run_then_cut() {
	local end=$(($(date +%s%N) / 1000000 + $1)) line now
	while now=$(($(date +%s%N) / 1000000)) && [ "$now" -lt "$end" ]; do
		IFS= read -r -t 0.2 line <&3 || { [ $? -gt 128 ] && continue; bail "the guest went away while running"; }
		line=${line%$'\r'}
		printf '%s\n' "$line" >>"$work/boot$boot.log"
		note "$line"
	done
	kill -9 "$qpid" 2>/dev/null
	wait "$qpid" 2>/dev/null
	qpid=""
	exec 3<&- 4>&-
}

# After boot $1's cut: the image is clean and its fsynced files are whole.
check_image() {
	local prev=$1 recs="$work/fsynced$1" k=0 bad="" path len sd
	if ! e2fsck -fn "$img" >"$work/e2fsck$prev.log" 2>&1; then
		tail -n 15 "$work/e2fsck$prev.log" | sed 's/^/#   /' >>"$out"
		bail "cut $prev: e2fsck -fn found errors"
	fi
	[ -f "$recs" ] || recs=/dev/null
	rm -rf "$work/chk" && mkdir -p "$work/chk"
	while read -r path len sd; do
		k=$((k + 1))
		echo "dump $path $work/chk/$k" >>"$work/chk/cmds"
	done <"$recs"
	[ "$k" -gt 0 ] && debugfs -f "$work/chk/cmds" "$img" >/dev/null 2>&1
	k=0
	while read -r path len sd; do
		k=$((k + 1))
		"$gen" "$sd" "$len" | cmp -s - "$work/chk/$k" || bad="$bad $path"
	done <"$recs"
	[ -z "$bad" ] || bail "cut $prev: fsynced files lost or wrong:$bad"
	tap ok "cut $prev (after $2 ms): e2fsck -fn clean, $k fsynced files intact"
}

boot=1
cut_ms=0
while [ "$boot" -le $((cuts + 1)) ]; do
	boot_start
	expect "fscrash: clean" 120
	[ "$boot" -gt 1 ] && check_image $((boot - 1)) "$cut_ms"
	if [ "$boot" -gt "$cuts" ]; then
		printf 'stop\n' >&4
		wait "$qpid"
		rc=$?
		qpid=""
		[ "$rc" -eq 33 ] || bail "the last boot ended with status $rc, not 33"
		break
	fi
	printf 'go\n' >&4
	expect "fscrash: running" 60
	cut_ms=$((300 + RANDOM % 2200))
	run_then_cut "$cut_ms"
	boot=$((boot + 1))
done
summary
