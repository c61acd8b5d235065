#!/bin/sh
# Make the disk of `make run`: an ext3 file system (ext2 with a journal)
# labelled zero-root, built by mke2fs -d from the root tree the initramfs
# is made from, in a sparse image file; then e2fsck -fn must find it clean.
# Every inode is root's (uid 0, gid 0) whoever runs the build: mke2fs -d
# copies the owners of the tree, so debugfs sets them when they differ.
# /dev, /tmp and /mnt are made if the tree lacks them (modes 0755, 1777).
# Usage: mkdisk.sh ROOT_DIR IMAGE [SIZE]   (SIZE as mke2fs takes it: 256M)
set -eu
root=$1 img=$2 size=${3:-256M}
PATH=$PATH:/sbin:/usr/sbin
[ -d "$root" ] || { echo "mkdisk: $root: no such directory" >&2; exit 1; }
for d in dev tmp mnt; do
	[ -d "$root/$d" ] || mkdir -p "$root/$d"
done
chmod 1777 "$root/tmp"
chmod 0755 "$root/dev" "$root/mnt"
mkdir -p "$(dirname "$img")"
rm -f "$img.tmp" && : >"$img.tmp"
mke2fs -q -F -t ext3 -L zero-root -E root_owner=0:0 -d "$root" "$img.tmp" "$size"
# The owners: one debugfs "set_inode_field" pair per path not root's.
fix=$(cd "$root" && find . -mindepth 1 \( ! -uid 0 -o ! -gid 0 \) | sed 's|^\.||')
if [ -n "$fix" ]; then
	printf '%s\n' "$fix" | awk '{ print "sif \"" $0 "\" uid 0"; print "sif \"" $0 "\" gid 0" }' |
		debugfs -w -f - "$img.tmp" >/dev/null 2>"$img.log" || {
		cat "$img.log" >&2
		exit 1
	}
fi
if ! e2fsck -fn "$img.tmp" >"$img.log" 2>&1; then
	cat "$img.log" >&2
	echo "mkdisk: e2fsck -fn finds $img.tmp unclean" >&2
	exit 1
fi
rm -f "$img.log"
mv "$img.tmp" "$img"
echo "mkdisk: $img: ext3 zero-root, $size (sparse), from $root"
