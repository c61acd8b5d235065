#!/bin/sh
# Boot one QEMU system test and write its results as TAP.
# Usage: run.sh TEST.t OUT.tap
#
# TEST.t is a shell fragment setting:
#   DESC         one line saying what the test shows
#   ENTRY        GRUB menu entry id to boot (tools/menu.txt)
#   APPEND       extra kernel command-line words
#   MODULES      extra modules, "name[:args],..." from build/modules or the
#                test fixtures in build/tests/kmod (args may hold blanks)
#   OMIT         modules of the entry not to load, "name,..."
#   QEMU_EXTRA   extra QEMU options (another CPU model: "-cpu qemu64,-nx")
#   EXPECT_EXIT  pass (isa-debug-exit ARCH_EXIT_PASS: status 33), fail
#                (ARCH_EXIT_FAIL, 35: a self-test failed), reset (status 0:
#                the machine reset under -no-reboot, as reboot does; say
#                in EXPECT what shows it was asked for) or panic
#                (ARCH_EXIT_PANIC, 37, under panic=exit); anything else fails,
#                including status 0, which is what a triple fault gives
#   EXPECT       lines (fixed strings) the serial log must contain, in order
#   REJECT       lines that must not appear
#   TIMEOUT      seconds before the run counts as hung (default 60); a hung
#                guest gets an NMI first, and the log shows zero's thread
#                report
#   CHECK        a host command run after the boot (debugfs or e2fsck on a disk
#                image the guest wrote); the test fails if it exits non-zero,
#                the last line of its output saying why
#   SCRIPT       an interactive session: lines for tests/qemu/ttydrive.c
#                ("expect TEXT", "send TEXT", "sleep MS", "timeout S"),
#                typed at the serial console while the guest runs; an
#                expect that times out fails the test ("keys TEXT" types on
#                the PS/2 keyboard, "screen TEXT" waits for TEXT on the VGA
#                screen, both through QEMU's monitor)
# The kernel gets "panic=exit halt=exit" too. Lines "ktest: ok N - name"
# from in-kernel self-tests become TAP lines of their own.
set -u
t=$1
out=$2
name=$(basename "$t" .t)
B=${B:-build}
DESC="" ENTRY=zero APPEND="" MODULES="" OMIT="" QEMU_EXTRA="" EXPECT_EXIT=pass EXPECT="" REJECT="" TIMEOUT=60
CHECK=""
SCRIPT=""
. "./$t"

work="$B/tests/qemu/$name"
rm -rf "$work"
mkdir -p "$work" "$(dirname "$out")"
if ! tools/mktestiso.sh "$work" "$ENTRY" "panic=exit halt=exit $APPEND" "$MODULES" "$OMIT" \
	>"$work/mkiso.log" 2>&1; then
	echo "not ok - qemu $name: could not make the ISO: $(tail -1 "$work/mkiso.log")" >"$out"
	exit 0
fi

log="$work/serial.log"
start=$(date +%s)
serial="file:$log"
drive=""
if [ -n "$SCRIPT" ]; then
	printf '%s\n' "$SCRIPT" >"$work/script"
	mkfifo "$work/ser.in" "$work/ser.out"
	serial="pipe:$work/ser"
fi
${QEMU:-qemu-system-x86_64} ${QEMU_ACCEL:--accel tcg -cpu max} \
	-m "${QEMU_MEM:-256M}" -no-reboot -display none -serial "$serial" \
	-monitor "unix:$work/mon,server,nowait" \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom "$work/test.iso" $QEMU_EXTRA \
	</dev/null >"$work/qemu.out" 2>&1 &
qpid=$!
# The watchdog: a guest still running after TIMEOUT seconds is hung. It
# gets an NMI first, so that the serial log ends with zero's thread report
# (who sleeps where), then is killed. A scripted run's monitor belongs to
# ttydrive, which sends the NMI itself when an expect times out.
(
	sleep "$TIMEOUT" &
	trap 'kill $! 2>/dev/null; exit 0' TERM
	wait $!
	kill -0 "$qpid" 2>/dev/null || exit 0
	: >"$work/hung"
	[ -z "$SCRIPT" ] && "$B/tests/ttydrive" -m "$work/mon" nmi && sleep 3
	kill "$qpid" 2>/dev/null
) &
wpid=$!
if [ -n "$SCRIPT" ]; then
	"$B/tests/ttydrive" "$work/ser" "$work/script" "$log" "$work/mon" 2>"$work/drive.out" ||
		drive=$(head -1 "$work/drive.out")
	[ -n "$drive" ] && kill "$qpid" 2>/dev/null
fi
wait "$qpid"
rc=$?
kill "$wpid" 2>/dev/null
wait "$wpid" 2>/dev/null
[ -e "$work/hung" ] && rc=124
secs=$(($(date +%s) - start))

case $rc in
33) got=pass ;;
35) got=fail ;;
37) got=panic ;;
124) got="hang (no exit after ${TIMEOUT}s)" ;;
0) got="reset or triple fault (status 0)"
	[ "$EXPECT_EXIT" = reset ] && got=reset ;;
*) got="status $rc" ;;
esac

why=""
[ "$got" = "$EXPECT_EXIT" ] || why="expected exit '$EXPECT_EXIT', got '$got'"
[ -n "$drive" ] && why="$drive"
# Expected lines must appear in order: search each after the previous match.
rest=$(cat "$log" 2>/dev/null | tr -d '\r')
if [ -z "$why" ] && [ -n "$EXPECT" ]; then
	while IFS= read -r line; do
		[ -z "$line" ] && continue
		after=${rest#*"$line"}
		if [ "$after" = "$rest" ]; then
			why="missing or out of order: '$line'"
			break
		fi
		rest=$after
	done <<EOT
$EXPECT
EOT
fi
if [ -z "$why" ] && [ -n "$REJECT" ]; then
	while IFS= read -r line; do
		[ -z "$line" ] && continue
		if grep -qF -- "$line" "$log"; then
			why="unexpected: '$line'"
			break
		fi
	done <<EOT
$REJECT
EOT
fi
if [ -z "$why" ] && [ -n "$CHECK" ]; then
	if ! check=$(sh -c "$CHECK" 2>&1); then
		why="host check failed: $(printf '%s\n' "$check" | tail -1)"
	fi
fi

{
	if [ -z "$why" ]; then
		echo "ok - qemu $name: $DESC"
	else
		echo "not ok - qemu $name: $why"
	fi
	tr -d '\r' <"$log" | sed -n 's/^ktest: ok [0-9]* - \(.*\)$/ok - ktest '"$name"'\/\1/p;
		s/^ktest: not ok [0-9]* - \(.*\)$/not ok - ktest '"$name"'\/\1/p'
} >"$out"

if [ -n "$why" ] || grep -q '^not ok' "$out"; then
	sh tests/qemu/logdiag.sh "$log" >>"$out" 2>/dev/null
	echo "qemu  $name: FAILED ($why) after ${secs}s; serial log ($log):"
	tr -d '\r' <"$log" | sed 's/^/  | /'
	[ -s "$work/qemu.out" ] && sed 's/^/  qemu: /' "$work/qemu.out"
else
	echo "qemu  $name: passed in ${secs}s"
fi
exit 0
