#!/bin/sh
# zero against Linux on a disk: user/bench/fsbench.c (one source; the zero
# build is in the root image as /usr/bench/fsbench, the Linux one is built
# here with gcc -static and glibc) run as the first process of each kernel
# under QEMU -icount shift=0, each with its own copy of the same fresh image
# attached as a virtio disk: a sparse 256 MiB file, `mke2fs -t ext3 -b 4096`
# (ext2 revision 1 with a journal). zero mounts it with its ext2 module;
# Linux (Debian's linux-image-amd64, tests/bench/linux-deps.sh) with its
# ext4 driver, loaded from the kernel's own modules (virtio_blk, ext4 and
# what they need, found in modules.dep) by the busybox /init made here.
# fsbench mounts and remounts the disk itself, the same way on both.
# Prints one table: zero | Linux | zero/Linux, against the issue's goal
# (zero at least Linux's figure: zero/Linux >= 1.00 on every row).
set -eu
B=${B:-build}
QEMU=${QEMU:-qemu-system-x86_64}
SIZE=${FSBENCH_SIZE:-256M}
work="$B/bench/fs"
rm -rf "$work"
mkdir -p "$work"
MACHINE="-accel tcg -cpu max -icount shift=0 -smp 1 -m 512M -no-reboot -display none"

rows() { tr -d '\r' <"$1" | sed -n 's/^fsbench: \(.*\) | \([0-9.]*\) | \(.*\)$/\1|\2|\3/p'; }

mkimage() {
	rm -f "$1"
	truncate -s "$SIZE" "$1"
	mke2fs -q -F -t ext3 -b 4096 "$1" >/dev/null
}

# Checks an image after a run: the benchmark leaves it unmounted and clean.
fsck_note() {
	e2fsck -fn "$2" >"$work/$1.fsck" 2>&1 ||
		echo "bench: e2fsck -fn finds the image $1 wrote not clean ($work/$1.fsck)"
}

# zero: the binary is in the root image already (user/rules.mk).
run_zero() {
	mkimage "$work/zero.img"
	tools/mktestiso.sh "$work/zero" zero "root=ram init=/usr/bench/fsbench halt=exit panic=exit \
init.FSBENCH_DEV=/dev/vda init.FSBENCH_DIR=/mnt init.FSBENCH_TYPE=ext2" "" >/dev/null 2>&1 ||
		{ echo "bench: cannot make an ISO for zero" >&2; return 1; }
	# shellcheck disable=SC2086
	timeout 900 "$QEMU" $MACHINE -serial "file:$work/zero.log" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom "$work/zero/test.iso" -boot d \
		-drive "file=$work/zero.img,if=none,id=d1,format=raw,cache=unsafe" -device virtio-blk-pci,drive=d1 \
		</dev/null >/dev/null 2>&1 || true
	if ! grep -q "fsbench: done" "$work/zero.log"; then
		echo "bench: fsbench did not finish on zero; its log is $work/zero.log" >&2
		tr -d '\r' <"$work/zero.log" | grep "fsbench: failed" >&2 || true
		return 1
	fi
	fsck_note zero "$work/zero.img"
	rows "$work/zero.log" >"$work/zero.rows"
}

# The .ko files (relative to $1, /lib/modules/<version>) that loading the
# modules named after it needs, dependencies first, each once. modules.dep
# lists every module a module needs, the one to load first last.
modlist() {
	mdir=$1
	shift
	for m in "$@"; do
		awk -v m="$m" '{
			p = $1; sub(/:$/, "", p); n = p; sub(/.*\//, "", n); sub(/\.ko(\.[a-z]+)?$/, "", n)
			gsub(/-/, "_", n)
			if (n != m) next
			for (i = NF; i > 1; i--) print $i
			print p; found = 1; exit
		} END { if (!found) exit 1 }' "$mdir/modules.dep" ||
			{ echo "bench: no module $m in $mdir/modules.dep" >&2; return 1; }
	done | awk '!seen[$0]++'
}

# Copies the modules into the initramfs $2 as /lib/mod/NN.ko, uncompressed,
# and writes their load order to $2/modules.
modcopy() {
	mdir=$1 r=$2 i=0
	mkdir -p "$r/lib/mod"
	: >"$r/modules"
	for p in $(modlist "$mdir" crc32c_generic virtio_pci virtio_blk ext4); do
		i=$((i + 1))
		case $p in
		*.xz) xz -dc "$mdir/$p" ;;
		*.zst) zstd -qdc "$mdir/$p" ;;
		*.gz) gzip -dc "$mdir/$p" ;;
		*) cat "$mdir/$p" ;;
		esac >"$r/lib/mod/$i.ko" || return 1
		echo "$i.ko $(basename "$p")" >>"$r/modules"
	done
}

linux_initramfs() {
	r="$work/initramfs"
	mkdir -p "$r/bin" "$r/dev" "$r/proc" "$r/sys" "$r/mnt"
	cp "$bb" "$r/bin/busybox"
	ln -s busybox "$r/bin/sh"
	cp "$work/fsbench-linux" "$r/fsbench"
	mknod "$r/dev/console" c 5 1 2>/dev/null || true
	modcopy "/lib/modules/$kver" "$r" || return 1
	cat >"$r/init" <<'INIT'
#!/bin/sh
bb=/bin/busybox
$bb mount -t proc proc /proc
$bb mount -t devtmpfs dev /dev
while read -r ko name; do
	$bb insmod /lib/mod/$ko || echo "fsbench: failed: insmod $name"
done </modules
n=0
while [ ! -b /dev/vda ] && [ $n -lt 50 ]; do $bb usleep 100000; n=$((n + 1)); done
/fsbench -d /dev/vda -m /mnt -t ext4
$bb poweroff -f
INIT
	chmod +x "$r/init"
	(cd "$r" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) >"$work/linux.cpio"
}

# Linux: the same source with glibc, the installed kernel and its modules.
run_linux() {
	kernel=$(ls /boot/vmlinuz-* 2>/dev/null | sort -V | tail -1 || true)
	kver=${kernel#/boot/vmlinuz-}
	bb=$(command -v busybox 2>/dev/null || echo /bin/busybox)
	if [ -z "$kernel" ] || [ ! -r "$kernel" ]; then
		why="no readable /boot/vmlinuz-* (linux-image-amd64 not installed)"
	elif [ ! -f "/lib/modules/$kver/modules.dep" ]; then
		why="no /lib/modules/$kver/modules.dep for $kernel"
	elif [ ! -x "$bb" ] || ! file -L "$bb" 2>/dev/null | grep -q "statically linked"; then
		why="no static busybox (busybox-static not installed)"
	elif ! ${HOSTCC:-gcc} -static -O2 -o "$work/fsbench-linux" user/bench/fsbench.c 2>"$work/gcc.log"; then
		why="gcc -static cannot build the benchmark ($work/gcc.log)"
	elif ! linux_initramfs; then
		why="cannot make the initramfs with the kernel's modules"
	fi
	[ -z "$why" ] || return 0
	mkimage "$work/linux.img"
	# shellcheck disable=SC2086
	timeout 900 "$QEMU" $MACHINE -serial "file:$work/linux.log" \
		-kernel "$kernel" -initrd "$work/linux.cpio" \
		-append "console=ttyS0 quiet panic=-1 rdinit=/init" \
		-drive "file=$work/linux.img,if=none,id=d1,format=raw,cache=unsafe" -device virtio-blk-pci,drive=d1 \
		</dev/null >/dev/null 2>&1 || true
	if grep -q "fsbench: done" "$work/linux.log" 2>/dev/null; then
		fsck_note linux "$work/linux.img"
		rows "$work/linux.log" >"$work/linux.rows"
	else
		why="the Linux boot did not run the benchmark to the end (log: $work/linux.log)"
	fi
}

why=""
: >"$work/zero.rows"
: >"$work/linux.rows"
zero_ok=1
run_zero || zero_ok=0
run_linux

echo "zero against Linux on the same disk image ($SIZE, mke2fs -t ext3 -b 4096; zero: ext2 module," \
	"Linux $(basename "${kernel:-none}"): ext4 driver)"
echo "QEMU -icount shift=0, 1 CPU, 512 MiB, virtio-blk; rates from the guest's clock (instruction-derived)"
echo "goal (issue 13): zero at least Linux's figure on every row, i.e. zero/Linux >= 1.00 (higher is better)"
awk -F'|' '
	FILENAME == ARGV[1] { order[++m] = $1; z[$1] = $2; u[$1] = $3; next }
	{ l[$1] = $2; if (!($1 in u)) { order[++m] = $1; u[$1] = $3; z[$1] = "-" } }
	END {
		printf "| %-55s | %-9s | %9s | %9s | %10s | %-6s |\n", "benchmark", "unit", "zero", "Linux", "zero/Linux", "goal"
		printf "|---------------------------------------------------------|-----------|-----------|-----------|------------|--------|\n"
		for (i = 1; i <= m; i++) {
			k = order[i]; lv = (k in l) ? l[k] : "-"
			r = (lv != "-" && z[k] != "-" && lv + 0 > 0) ? sprintf("%.2f", z[k] / lv) : "-"
			t = (r == "-") ? "-" : (r + 0 >= 1 ? "met" : "missed")
			printf "| %-55s | %-9s | %9s | %9s | %10s | %-6s |\n", k, u[k], z[k], lv, r, t
		}
	}' "$work/zero.rows" "$work/linux.rows"
[ "$zero_ok" = 1 ] || echo "bench: the zero column is missing (log: $work/zero.log)"
[ -z "$why" ] || echo "bench: the Linux column is missing: $why"
exit 0
