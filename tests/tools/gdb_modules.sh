#!/bin/sh
# Debugging a module with gdb, the way `make debug` sets it up: a
# breakpoint in a module function (set before the module is loaded) must
# stop there, with the module's symbols loaded by tools/gdb/zero.py.
# Usage: gdb_modules.sh OUT.tap
set -u
out=$1
B=${B:-build}
work="$B/tests/gdb"
rm -rf "$work"
mkdir -p "$work" "$(dirname "$out")"
tools/mktestiso.sh "$work" zero "ktest=example_role panic=exit halt=exit" "" ||
	{ echo "not ok - gdb: no ISO" >"$out"; exit 0; }

port=$((20000 + $$ % 20000))
timeout 120 ${QEMU:-qemu-system-x86_64} ${QEMU_ACCEL:--accel tcg -cpu max} -m 256M -no-reboot \
	-display none -serial "file:$work/serial.log" -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-cdrom "$work/test.iso" -gdb "tcp::$port" -S </dev/null >"$work/qemu.out" 2>&1 &
qpid=$!
sleep 1
timeout 100 gdb -batch -nx -ex "set pagination off" -ex "source tools/gdb/zero.py" \
	-ex "target remote localhost:$port" -ex "break hello_greet" -ex "continue" \
	-ex "bt 4" -ex "zero-modules" -ex "kill" "$B/zero.elf" >"$work/gdb.log" 2>&1
kill "$qpid" 2>/dev/null
wait "$qpid" 2>/dev/null

why=""
for want in "zero: loaded symbols of module hello from $B/modules/hello.ko" \
	"hello_greet (who=" "example_greet" "hola" "live"; do
	grep -qF -- "$want" "$work/gdb.log" || { why="gdb output lacks '$want'"; break; }
done
if [ -z "$why" ]; then
	echo "ok - gdb: a breakpoint in module function hello_greet stops with symbols loaded" >"$out"
	echo "tool  gdb_modules: passed"
else
	echo "not ok - gdb: $why" >"$out"
	echo "tool  gdb_modules: FAILED ($why); gdb log:"
	sed 's/^/  | /' "$work/gdb.log"
fi
exit 0
