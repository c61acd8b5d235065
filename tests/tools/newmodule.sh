#!/bin/sh
# A newcomer's loop, end to end: copy the example module into a fresh folder
# (here under $B, outside modules/ and the committed module list), build it
# with `make module M=<dir>` (its module.mk is all it needs) and boot it with
# `make run MODULES=... BOOT=...`, which must boot the first menu entry at
# once with the module added and picked for its role. Everything it makes is
# removed at the end.
# Usage: newmodule.sh OUT.tap
set -eu
out=$1
B=${B:-build}
name=newmod
work="$B/tests/newmodule"
src="$work/src/$name"
n=0
rm -rf "$work" "$B/modules/$name.ko" "$B/kernel/$src"
mkdir -p "$src" "$(dirname "$out")"
: >"$out"
tap() {
	n=$((n + 1))
	if [ "$1" = ok ]; then echo "ok - newmodule: $2" >>"$out"; else echo "not ok - newmodule: $2" >>"$out"; fi
}
# The top-level make, on its own graph: none of the caller's make flags or jobserver.
topmake() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory B="$B" KVM= "$@"
}

cp modules/example/hello/module.mk "$src/"
sed 's/hello/newmod/g' modules/example/hello/hello.c >"$src/$name.c"
sed -i 's/hello/newmod/g' "$src/module.mk"

rc=0
msg=$(topmake module M="$src" 2>&1) || rc=$?
if [ $rc -eq 0 ] && [ -f "$B/modules/$name.ko" ] && echo "$msg" | grep -qF "module: built $B/modules/$name.ko"; then
	tap ok "make module M=<dir> builds a new module folder from its module.mk alone"
else
	tap fail "make module M=$src: status $rc, said: $(echo "$msg" | tail -3 | tr '\n' ' ')"
fi

rc=0
msg=$(topmake module M=modules/example 2>&1) || rc=$?
if [ $rc -eq 0 ] && echo "$msg" | grep -qF "module: built $B/modules/hello.ko $B/modules/hola.ko"; then
	tap ok "make module M=modules/example picks the module.mk files below it (hello, hola)"
else
	tap fail "make module M=modules/example: status $rc, said: $(echo "$msg" | tail -3 | tr '\n' ' ')"
fi

log="$work/run.log"
rc=0
timeout 60 sh -c 'env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory B="$1" KVM= run \
	RUN_DIR="$2" MODULES="$3:from=tap" BOOT="example=$3 panic=exit halt=exit"' \
	sh "$B" "$work/run" "$name" </dev/null >"$log" 2>"$work/run.err" || rc=$?
# QEMU's status comes back through make: isa-debug-exit pass is 33; status 0
# (a triple fault, or make not running QEMU at all) is never a pass.
if [ $rc -ne 0 ] && grep -q '\] Error 33$' "$work/run.err"; then
	tap ok "make run MODULES=/BOOT= boots and exits with the pass status (33)"
else
	tap fail "make run MODULES=/BOOT=: status $rc, $(tail -1 "$work/run.err" 2>/dev/null)"
fi

why=""
if ! grep -q '^set timeout=0' "$work/run/iso/boot/grub/grub.cfg" 2>/dev/null; then
	why="grub.cfg of the run has no 'set timeout=0'"
fi
for want in "example=$name panic=exit halt=exit'" "module $name 1.0.0: role example" \
	"$name: loaded with args 'from=tap'" "module hello: not loaded: example=$name picks '$name'" \
	"boot: complete"; do
	[ -n "$why" ] && break
	tr -d '\r' <"$log" | grep -qF -- "$want" || why="serial log lacks '$want'"
done
if [ -z "$why" ] && ! tr -d '\r' <"$log" | grep -q "^roles: .*example=$name\( \|$\)"; then
	why="the roles line does not say example=$name"
fi
if [ -z "$why" ] && tr -d '\r' <"$log" | grep -q "^module $name: refused"; then
	why="module $name was refused"
fi
if [ -z "$why" ]; then
	tap ok "the new module is loaded with its args and picked for role example"
else
	tap fail "$why"
fi

grep -c '^ok' "$out" | xargs printf 'tool  newmodule: %s passed, '
grep -c '^not ok' "$out" | xargs printf '%s failed\n' || true
if grep -q '^not ok' "$out"; then
	grep '^not ok' "$out" | sed 's/^/  /'
	echo "  make run output ($log):"
	tr -d '\r' <"$log" | sed 's/^/  | /'
	sed 's/^/  make: /' "$work/run.err"
fi
rm -rf "$work" "$B/modules/$name.ko" "$B/kernel/$src"
rmdir -p "$B/kernel/$work/src" 2>/dev/null || true
exit 0
