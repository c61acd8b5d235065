#!/bin/sh
# Make the input tree of the golden-output cases (doc/testing.md) in DIR:
# files of known contents, modes and times (UTC), a subdirectory tree, a
# symbolic link, an empty file, a file with no final newline, a binary file
# and text with repeated lines. The same tree goes into zero's root image
# (/usr/golden/tree) and into tests/golden/run.sh's work area on the host.
# Usage: mktree.sh DIR [ELF]   (ELF: a program copied in as prog.elf, for size)
set -eu
d=$1
elf=${2:-}
case $elf in '' | /*) ;; *) elf=$(pwd)/$elf ;; esac
rm -rf "$d"
mkdir -p "$d/dir/sub/deep" "$d/emptydir"
cd "$d"
printf 'hello\nworld\n' >a.txt
printf 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n' >b.txt
: >empty
printf 'no newline at the end' >nonl.txt
printf '\000\001\002\003binary\377\376\n\200tail' >bin.dat
printf 'pear\napple\napple\nbanana\npear\npear\nApple\ncherry\n' >lines.txt
printf 'alpha beta\tgamma\n  delta  epsilon\n\nzeta\n' >words.txt
printf 'line %s\n' 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 >long.txt
printf '#!/bin/sh\necho run\n' >exec.sh
printf 'in dir\n' >dir/one.txt
printf 'in sub\n' >dir/sub/two.txt
printf 'int main(void) { return 0; }\n' >dir/sub/deep/three.c
printf 'hidden\n' >dir/.hidden
printf 'x' >dir/sub/x.c
if [ -n "$elf" ]; then
	cp "$elf" prog.elf
	chmod 755 prog.elf
fi
ln -s a.txt link
ln -s nowhere dangling
chmod 644 a.txt b.txt empty nonl.txt bin.dat lines.txt words.txt long.txt dir/one.txt \
	dir/sub/two.txt dir/sub/deep/three.c dir/.hidden dir/sub/x.c
chmod 755 exec.sh dir dir/sub dir/sub/deep emptydir
chmod 600 long.txt
# Times: all in the past (more than six months before any run), a few apart
# so that ls -t and find -newer have an order to find.
stamp() { TZ=UTC touch -h -d "$1" "$2"; }
for f in $(find . -mindepth 1 | LC_ALL=C sort -r); do
	stamp '2020-01-02 03:04:05' "$f"
done
stamp '2021-06-15 12:30:00' b.txt
stamp '2019-11-30 23:59:59' a.txt
stamp '2022-02-28 08:00:00' lines.txt
stamp '2020-07-04 10:11:12' dir/sub/two.txt
