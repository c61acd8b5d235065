#!/bin/sh
# Run a libFuzzer target for a while on a fresh copy of its corpus.
# Usage: run.sh FUZZER WORKDIR NAME SECONDS [OUT.tap]
# The corpus is tests/fuzz/corpus/NAME plus, for ldr, every module file of
# the build (good and deliberately broken), for cpio the host tests' archives,
# for ext2 the tiny images of tests/host/ext2_mkimg.sh.
# A crash fails; its input is kept in WORKDIR.
set -u
fuzzer=$1 work=$2 name=$3 secs=$4 out=${5:-}
corpus="$work/corpus-$name"
mkdir -p "$corpus"
cp tests/fuzz/corpus/"$name"/* "$corpus/" 2>/dev/null
case $name in
ldr) seeds="build/modules/*.ko build/tests/kmod/*.ko" ;;
cpio) seeds="build/tests/cpio/*.cpio" ;;
ext2) seeds="build/tests/ext2/fuzz-*.img" ;;
*) seeds="" ;;
esac
for f in $seeds; do
	[ -f "$f" ] && cp "$f" "$corpus/"
done
log="$work/fuzz-$name.log"
"$fuzzer" -max_total_time="$secs" -timeout=10 -artifact_prefix="$work/" "$corpus" >"$log" 2>&1
rc=$?
runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1)
if [ $rc -eq 0 ]; then
	line="ok - fuzz $name: ${runs:-no summary} in ${secs}s without a crash"
	echo "fuzz  $name: ${runs:-?} in ${secs}s, no crash"
else
	line="not ok - fuzz $name: crashed (status $rc); see $log"
	echo "fuzz  $name: FAILED (status $rc); last lines of $log:"
	tail -40 "$log" | sed 's/^/  | /'
fi
[ -n "$out" ] && { mkdir -p "$(dirname "$out")"; echo "$line" >"$out"; }
exit 0
