#!/bin/sh
# Tests of the disk of `make run` (tools/mkdisk.sh, what `make disk` runs):
# made from the root tree into a scratch image, e2fsck -fn finds it clean,
# it is labelled zero-root with a journal, sparse, /sbin/init has the
# tree's size and bytes (debugfs), /dev, /tmp and /mnt are directories
# (/tmp 1777), every inode checked is root's.
# Usage: diskimg.sh ROOT_DIR OUT.tap
set -u
root=$1 out=$2
PATH=$PATH:/sbin:/usr/sbin
: >"$out"
tap() {
	if [ "$1" = ok ]; then echo "ok - disk image: $2" >>"$out"; else echo "not ok - disk image: $2" >>"$out"; fi
}
check() { # check "what" command...
	what=$1
	shift
	if "$@" >/dev/null 2>&1; then tap ok "$what"; else tap fail "$what"; fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
img=$tmp/disk.img

check "tools/mkdisk.sh makes the image" tools/mkdisk.sh "$root" "$img" 256M
check "e2fsck -fn finds it clean" e2fsck -fn "$img"
check "the label is zero-root" sh -c "[ \"\$(e2label '$img')\" = zero-root ]"
check "it has a journal (ext3)" sh -c "dumpe2fs -h '$img' 2>/dev/null | grep -q '^Filesystem features:.*has_journal'"
check "it is 256 MiB and sparse" sh -c "[ \$(stat -c %s '$img') -eq 268435456 ] && [ \$(du -k '$img' | cut -f1) -lt 131072 ]"
size=$(stat -c %s "$root/sbin/init")
check "/sbin/init has the tree's size ($size)" sh -c \
	"debugfs -R 'stat /sbin/init' '$img' 2>/dev/null | grep -q 'Size: $size\$'"
debugfs -R "dump /sbin/init $tmp/init" "$img" >/dev/null 2>&1
check "/sbin/init has the tree's bytes" cmp "$root/sbin/init" "$tmp/init"
for d in dev tmp mnt; do
	check "/$d is a directory" sh -c "debugfs -R 'stat /$d' '$img' 2>/dev/null | grep -q 'Type: directory'"
done
check "/tmp has mode 1777" sh -c "debugfs -R 'stat /tmp' '$img' 2>/dev/null | grep -q 'Mode:  01777'"
check "/, /bin/sh and /etc/inittab are root's" sh -c "for p in / /bin/sh /etc/inittab; do \
	debugfs -R \"stat \$p\" '$img' 2>/dev/null | grep -q 'User:     0   Group:     0' || exit 1; done"
cp "$img" "$tmp/bad.img"
debugfs -w -R "clri /sbin/init" "$tmp/bad.img" >/dev/null 2>&1
check "e2fsck -fn finds a damaged copy unclean (the check can fail)" sh -c "! e2fsck -fn '$tmp/bad.img'"
