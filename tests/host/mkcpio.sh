#!/bin/sh
# Make the good archive of the cpio host test with the host's GNU cpio
# (Debian's cpio package): a tree of directories, files (one of 20000
# bytes, one empty), a symbolic link, two hard links, a file owned by
# uid 1000 with a known mtime and mode, and, when run as root, a device.
# Usage: mkcpio.sh TREE OUT.cpio
set -eu
tree=$1 out=$2
rm -rf "$tree"
mkdir -p "$tree/etc" "$tree/bin" "$tree/home/user"
printf 'hello from cpio\n' >"$tree/etc/motd"
chmod 0640 "$tree/etc/motd"
printf '#!/bin/sh\necho hi\n' >"$tree/bin/sh"
chmod 0755 "$tree/bin/sh"
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "%c", 65 + i % 26 }' >"$tree/big"
: >"$tree/empty"
ln -s etc/motd "$tree/motd-link"
printf 'linked\n' >"$tree/hard1"
ln "$tree/hard1" "$tree/hard2"
printf 'mine\n' >"$tree/home/user/note"
chmod 0700 "$tree/home/user"
if [ "$(id -u)" -eq 0 ]; then
	chown -R 1000:1000 "$tree/home/user"
	mknod "$tree/etc/ttyS0" c 4 64
fi
touch -h -d @1700000000 "$tree/etc/motd"
(cd "$tree" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) >"$out"
