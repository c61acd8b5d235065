#!/bin/sh
# Build the source tree and the images of the ext2 host tests and fuzzer:
#   ext2_mkimg.sh OUTDIR
# OUTDIR/tree is a tree with files of many sizes (block and indirection
# boundaries of 1 KiB and 4 KiB blocks, a sparse file that needs triple
# indirection with 1 KiB blocks), many small files, a deep tree, 255-byte
# names, fast and slow symbolic links, hard links, a FIFO, device nodes
# (when we may make them), modes, owners and times. mke2fs -d copies it
# into images of several kinds (OUTDIR/<name>.img):
#   ext2-1k   -t ext2 -b 1024        ext2-2k  -t ext2 -b 2048
#   ext3-4k   -t ext3 -b 4096 (a journal, never replayed)
#   ext4      -t ext4 (extents: must be refused)
#   rocompat  -t ext2 -O huge_file (an unknown ro_compat feature: read-only)
#   htree     ext2-1k with its big directories indexed (dir_index, e2fsck -D)
#   small     a 1 MiB ext2 with a few files (write tests fill it; fuzz seed)
#   rootdisk  a small one with its own label and UUID (root=LABEL=, root=UUID=)
#   fuzz-1k, fuzz-4k  tiny images, the fuzzer's seeds
set -eu
out=$1
tree=$out/tree
rm -rf "$out"
mkdir -p "$tree"
# Data that is the same on every run and differs block to block.
gen() { # gen FILE SIZE
	awk -v n="$2" 'BEGIN { s = ""; for (i = 0; i < 64; i++) s = s sprintf("%c", 33 + (i * 7 + n) % 90);
		while (n > 0) { m = n < 64 ? n : 64; printf "%s", substr(s, 1, m); n -= m;
		s = substr(s, 2) substr(s, 1, 1) } }' >"$1"
}
mkdir -p "$tree/sizes"
for n in 0 1 100 1023 1024 1025 2047 2048 4095 4096 4097 12287 12288 12289 49152 49153 \
	274432 274433 300000 1048576 1052689 4243456 4243457; do
	gen "$tree/sizes/f$n" "$n"
done
# Sparse: data at 0, in the single, double and triple indirect ranges of 1 KiB blocks.
sp=$tree/sparse
gen "$sp" 5000
for off in 300000 20000000 70000000 90000000; do
	gen "$tree/.chunk" 3000
	dd if="$tree/.chunk" of="$sp" bs=1 seek=$off conv=notrunc status=none
done
rm -f "$tree/.chunk"
truncate -s 95000000 "$sp"
mkdir -p "$tree/many"
i=0
while [ $i -lt 300 ]; do
	echo "small file $i" >"$tree/many/file_with_a_long_name_$i"
	i=$((i + 1))
done
d=$tree/deep
for l in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25; do
	d=$d/level$l
done
mkdir -p "$d"
echo bottom >"$d/leaf"
long=$(printf '%0255d' 0 | tr 0 n)
echo "255" >"$tree/$long"
echo "254" >"$tree/$(printf '%0254d' 0 | tr 0 m)"
mkdir -p "$tree/links"
ln -s ../sizes/f100 "$tree/links/fast"
ln -s "$(printf '%0100d' 0 | tr 0 s)/target" "$tree/links/slow100"
ln -s "$(printf '%0300d' 0 | tr 0 t)" "$tree/links/slow300"
echo shared >"$tree/links/hard1"
ln "$tree/links/hard1" "$tree/links/hard2"
ln "$tree/links/hard1" "$tree/many/hard3"
mkfifo "$tree/links/fifo"
if [ "$(id -u)" = 0 ]; then
	mknod "$tree/links/null" c 1 3
	mknod "$tree/links/disk" b 8 1
	mknod "$tree/links/bigdev" c 300 70000
	chown 1234:5678 "$tree/sizes/f100"
	chown 70000:80000 "$tree/sizes/f1"
fi
chmod 4755 "$tree/sizes/f1023"
chmod 0600 "$tree/sizes/f1024"
chmod 1777 "$tree/many"
chmod 0700 "$tree/deep"
touch -h -d '2001-02-03 04:05:06' "$tree/sizes/f0" "$tree/links/fast"
touch -d '1999-12-31 23:59:59' "$tree/deep"
mk() { # mk NAME SIZE MKE2FS-OPTIONS...
	name=$1 size=$2
	shift 2
	mke2fs -q -F -L zero-test -U 2f6e3a4c-1b2d-4e5f-8a9b-0c1d2e3f4a5b -E root_owner=0:0 \
		"$@" -d "$tree" "$out/$name.img" "$size" >/dev/null
}
mk ext2-1k 40M -t ext2 -b 1024
mk ext2-2k 40M -t ext2 -b 2048
mk ext3-4k 48M -t ext3 -b 4096
mk ext4 48M -t ext4
mk rocompat 40M -t ext2 -O huge_file
# dir_index: e2fsck -D indexes the directories that span several blocks.
cp "$out/ext2-1k.img" "$out/htree.img"
e2fsck -fyD "$out/htree.img" >/dev/null 2>&1 || [ $? -le 2 ]
small=$out/smalltree
mkdir -p "$small/dir"
echo hello >"$small/hello"
echo inner >"$small/dir/inner"
ln -s hello "$small/link"
mke2fs -q -F -t ext2 -b 1024 -N 64 -L small -d "$small" "$out/small.img" 1M >/dev/null
mke2fs -q -F -t ext2 -b 4096 -N 64 -d "$small" "$out/small4k.img" 1M >/dev/null
mke2fs -q -F -t ext2 -b 4096 -N 64 -L zero-rootfs -U 6b1e0c55-9f3a-4d2b-8c7e-1a2b3c4d5e6f \
	-d "$small" "$out/rootdisk.img" 2M >/dev/null
# Seeds of the fuzzer (tests/fuzz/fuzz_ext2.c): tiny images, padded to their size.
seed=$out/seedtree
mkdir -p "$seed/d"
echo hello >"$seed/hello"
echo inner >"$seed/d/inner"
gen "$seed/d/big" 3000
ln -s hello "$seed/link"
ln -s "$(printf '%080d' 0)" "$seed/slow"
mkfifo "$seed/fifo"
mke2fs -q -F -t ext2 -b 1024 -N 32 -m 0 -d "$seed" "$out/fuzz-1k.img" 64K >/dev/null
mke2fs -q -F -t ext2 -b 4096 -N 32 -m 0 -d "$seed" "$out/fuzz-4k.img" 256K >/dev/null
truncate -s 64K "$out/fuzz-1k.img"
truncate -s 256K "$out/fuzz-4k.img"
touch "$out/stamp"
