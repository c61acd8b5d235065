#!/bin/sh
# Boot to the shell's prompt, three times: the entry's kernel with GRUB's
# menu timeout at 0, /sbin/init and /etc/inittab's shell, typed at through
# the serial console by tests/qemu/ttydrive. Prints the kernel's own figure
# (its log's "console: first read ... ms after the kernel started", the
# moment the shell waits at its prompt, read back with dmesg at the prompt) and the wall time from QEMU's
# start until "zero# " arrives (best of three; firmware and GRUB included,
# noisy: TCG, no -icount, so that the kernel's clock is the real one).
# Usage: run-prompt.sh [ENTRY]
set -u
B=${B:-build}
e=${1:-zero}
work="$B/bench/prompt"
mkdir -p "$work"
tools/mktestiso.sh "$work/$e" "$e" "halt=exit panic=exit init=/sbin/init" "" >/dev/null 2>&1 ||
	{ echo "bench: cannot make an ISO for $e" >&2; exit 1; }
printf '%s\n' 'expect zero# ' 'mark prompt' "send dmesg | grep 'first read'\\n" \
	'expect ms after the kernel started' 'expect zero# ' 'send poweroff\n' >"$work/script"
best="" kbest=""
for i in 1 2 3; do
	rm -f "$work/ser.in" "$work/ser.out" && mkfifo "$work/ser.in" "$work/ser.out"
	timeout 120 ${QEMU:-qemu-system-x86_64} -accel tcg -cpu max -m 256M -no-reboot \
		-display none -serial "pipe:$work/ser" -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-cdrom "$work/$e/test.iso" </dev/null >/dev/null 2>&1 &
	q=$!
	ms=$("$B/tests/ttydrive" "$work/ser" "$work/script" "$work/serial.log" 2>&1 |
		sed -n 's/^ttydrive: prompt at \([0-9]*\) ms$/\1/p')
	wait $q
	k=$(tr -d '\r' <"$work/serial.log" | sed -n 's/.*first read .* \([0-9][0-9]*\) ms after the kernel started.*/\1/p' | head -1)
	[ -n "$ms" ] && { [ -z "$best" ] || [ "$ms" -lt "$best" ]; } && best=$ms
	[ -n "$k" ] && { [ -z "$kbest" ] || [ "$k" -lt "$kbest" ]; } && kbest=$k
done
echo "boot to the shell prompt (entry $e, TCG, best of 3)"
printf '| %-52s | %8s | %-4s |\n' "row" "value" "unit"
printf '|------------------------------------------------------|----------|------|\n'
printf '| %-52s | %8s | %-4s |\n' "kernel start to the prompt (the kernel's boot log)" "${kbest:-?}" "ms"
printf '| %-52s | %8s | %-4s |\n' "QEMU start to \"zero# \" on the serial line" "${best:-?}" "ms"
