#!/bin/sh
# A failed QEMU test's serial log in a few lines, for the end of `make test`
# (the full log is printed with the test's own result above): the last lines
# the guest printed and, if it was hung and answered the harness's NMI, one
# line per thread of zero's thread report: what it sleeps on and the first
# functions of its backtrace beyond the sleep itself.
# Usage: logdiag.sh SERIAL.log  (prints "# ..." lines, TAP diagnostics)
set -u
tr -d '\r' <"$1" | sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\x1b.//g' | awk '
function flush() {
	if (thr != "")
		print "#   " thr (frames != "" ? " <" frames : "")
	thr = ""; frames = ""; nf = 0
}
/^thread report \(/ { inrep = 1; nrep++; next }
inrep && /^thread report: / { flush(); inrep = 0; next }
inrep && /^  tid / { flush(); thr = substr($0, 3); next }
inrep && /^      #[0-9]+ / {
	fn = $3
	sub(/\+.*/, "", fn)
	if (fn ~ /^(sched_switch|sched_block|sleep_block|thr_sleep|thr_sleep_ns|thr_sleep_commit|thr_sleep_mutex|arch_thread_start|thr_start|syscall_trap|trap_syscall|syscall_entry)$/ || nf >= 5)
		next
	frames = frames " " fn (($4 ~ /^\[/) ? $4 : "")
	nf++
	next
}
inrep { next }
nrep == 0 && NF { last[n++ % 4] = $0 }
END {
	flush()
	for (i = (n > 4 ? n - 4 : 0); i < n; i++)
		print "#   | " last[i % 4]
}' | awk '/^#   \|/ { tail[nt++] = $0; next } { rep[nr++] = $0 }
END { for (i = 0; i < nt; i++) print tail[i]; for (i = 0; i < nr && i < 24; i++) print rep[i] }'
