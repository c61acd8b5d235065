# Sourced by run-ubench.sh and run-ipc.sh: Debian's own kernel (installed by
# tests/bench/linux-deps.sh) booted under QEMU -icount shift=0 with an
# initramfs made here, whose busybox /init runs a static benchmark and
# powers off. The caller sets QEMU, and `why` to "" (or the reason there is
# no Linux column).

# linux_find: set kernel and bb, or why.
linux_find() {
	kernel=$(ls /boot/vmlinuz-* 2>/dev/null | sort -V | tail -1 || true)
	bb=$(command -v busybox 2>/dev/null || echo /bin/busybox)
	if [ -z "$kernel" ] || [ ! -r "$kernel" ]; then
		why="no readable /boot/vmlinuz-* (linux-image-amd64 not installed)"
	elif [ ! -x "$bb" ] || ! file -L "$bb" 2>/dev/null | grep -q "statically linked"; then
		why="no static busybox (busybox-static not installed)"
	fi
}

# linux_run WORK MARK INIT FILE...: the FILEs in / (each without its
# "-linux" suffix), /init running the lines of INIT, one boot; the log is
# WORK/linux.log, and why is set unless it has MARK.
linux_run() {
	lr_work=$1 lr_mark=$2 lr_init=$3
	shift 3
	r="$lr_work/initramfs"
	mkdir -p "$r/bin" "$r/dev" "$r/proc" "$r/tmp"
	cp "$bb" "$r/bin/busybox"
	ln -s busybox "$r/bin/sh"
	for f in "$@"; do
		cp "$f" "$r/$(basename "$f" -linux)"
	done
	mknod "$r/dev/console" c 5 1 2>/dev/null || true
	printf '#!/bin/sh\n%s\n/bin/busybox poweroff -f\n' "$lr_init" >"$r/init"
	chmod +x "$r/init"
	(cd "$r" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) >"$lr_work/linux.cpio"
	timeout 600 "$QEMU" -accel tcg -cpu max -icount shift=0 -smp 1 -m 256M -no-reboot -display none \
		-serial "file:$lr_work/linux.log" -kernel "$kernel" -initrd "$lr_work/linux.cpio" \
		-append "console=ttyS0 quiet panic=-1 rdinit=/init" </dev/null >/dev/null 2>&1 || true
	grep -q "$lr_mark" "$lr_work/linux.log" 2>/dev/null ||
		why="the Linux boot did not run the benchmark to the end (log: $lr_work/linux.log)"
}
