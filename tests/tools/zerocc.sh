#!/bin/sh
# Tests of zero-cc, the sysroot's compiler wrapper: a program outside the
# tree (in a temporary directory) builds from one and from two sources, in
# one step and with -c then a link, with the flags musl-gcc users pass
# (-static -lpthread -lm -lrt); readelf then checks that it is a static
# x86-64 ET_EXEC entered at _start above 0x400000, with page-aligned
# PT_LOAD segments text R+X, rodata R, data RW, a PT_TLS segment when it
# has __thread data, no PT_INTERP or PT_DYNAMIC, and no writable and
# executable segment. Host headers must not leak in. With -static-pie the
# program is an ET_DYN linked at 0 with PT_DYNAMIC (only RELATIVE
# relocations), no PT_INTERP, entered at rcrt0's _start.
# Usage: zerocc.sh ZERO_CC OUT.tap
set -u
cc=$1 out=$2
n=0
: >"$out"
tap() {
	n=$((n + 1))
	if [ "$1" = ok ]; then echo "ok - zero-cc: $2" >>"$out"; else echo "not ok - zero-cc: $2" >>"$out"; fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/hello.c" <<'C'
#include <stdio.h>
#include <string.h>
__thread int counter = 3;
int helper(int x);
int main(int argc, char **argv)
{
	printf("hello from %s: %d %zu\n", argc > 0 ? argv[0] : "?", helper(counter), strlen("x"));
	return 0;
}
C
cat >"$tmp/helper.c" <<'C'
#include <stdlib.h>
int helper(int x)
{
	return abs(-x) * 2;
}
C
cat >"$tmp/plain.c" <<'C'
int main(void)
{
	return 0;
}
C

# Facts about an executable: type, entry, interp, segments.
check_elf() {
	f=$1 want_tls=$2 what=$3
	h=$(readelf -hW "$f" 2>&1) l=$(readelf -lW "$f" 2>&1) s=$(readelf -sW "$f" 2>&1)
	why=""
	echo "$h" | grep -q 'Class:[[:space:]]*ELF64' || why="not ELF64"
	echo "$h" | grep -q 'Machine:[[:space:]]*Advanced Micro Devices X86-64' || why="not x86-64"
	echo "$h" | grep -q 'Type:[[:space:]]*EXEC' || why="not ET_EXEC"
	entry=$(echo "$h" | awk '/Entry point/ { print $4 }')
	start=$(echo "$s" | awk '$8 == "_start" { print "0x" $2 }')
	[ -n "$start" ] && [ "$((entry))" -eq "$((start))" ] || why="entry $entry is not _start ($start)"
	[ "$((entry))" -ge $((0x400000)) ] || why="entry $entry below 0x400000"
	echo "$l" | grep -Eq '^[[:space:]]*(INTERP|DYNAMIC)' && why="has PT_INTERP or PT_DYNAMIC"
	loads=$(echo "$l" | awk '$1 == "LOAD" { f = ""; for (i = 7; i < NF; i++) f = f $i; print $3, f, $NF }')
	while read -r va fl al; do
		[ "$((va % 4096))" -eq 0 ] && [ "$al" = 0x1000 ] || why="PT_LOAD at $va ($fl) not page-aligned"
	done <<L
$loads
L
	echo "$loads" | grep -q ' RE 0x1000$' || why="no R+X text segment"
	echo "$loads" | grep -q ' RW 0x1000$' || why="no RW data segment"
	[ "$(echo "$loads" | grep -c ' R 0x1000$')" -ge 1 ] || why="no read-only segment"
	echo "$loads" | grep -q 'RWE' && why="a writable and executable segment"
	if [ "$want_tls" = yes ]; then
		echo "$l" | grep -Eq '^[[:space:]]*TLS' || why="no PT_TLS"
	elif [ "$want_tls" = no ]; then
		:
	fi
	if [ -z "$why" ]; then tap ok "$what"; else tap fail "$what: $why"; fi
}

if msg=$(cd "$tmp" && "$cc" -O2 -Wall -Werror -static hello.c helper.c -o hello -lpthread -lm -lrt 2>&1); then
	check_elf "$tmp/hello" yes "two sources in one step: static x86-64 ET_EXEC, segments, PT_TLS"
else
	tap fail "two sources in one step: $msg"
fi
if msg=$(cd "$tmp" && "$cc" -c hello.c -o a.o && "$cc" -c helper.c && "$cc" a.o helper.o -o hello2 2>&1); then
	check_elf "$tmp/hello2" yes "-c then link"
else
	tap fail "-c then link: $msg"
fi
if msg=$(cd "$tmp" && "$cc" plain.c -o plain 2>&1); then
	check_elf "$tmp/plain" any "a program with no TLS of its own"
else
	tap fail "plain program: $msg"
fi
# Static PIE: ET_DYN at 0, PT_DYNAMIC, no PT_INTERP, no text relocations,
# only R_X86_64_RELATIVE relocations (what rcrt0 applies), W^X.
check_pie() {
	f=$1 what=$2
	h=$(readelf -hW "$f" 2>&1) l=$(readelf -lW "$f" 2>&1) r=$(readelf -rW "$f" 2>&1)
	d=$(readelf -dW "$f" 2>&1)
	why=""
	echo "$h" | grep -q 'Type:[[:space:]]*DYN' || why="not ET_DYN"
	echo "$l" | grep -Eq '^[[:space:]]*INTERP' && why="has PT_INTERP"
	echo "$l" | grep -Eq '^[[:space:]]*DYNAMIC' || why="no PT_DYNAMIC"
	echo "$l" | awk '$1 == "LOAD"' | head -1 | grep -q ' 0x0000000000000000 0x0000000000000000 ' ||
		why="first PT_LOAD not at 0"
	echo "$l" | grep -q 'RWE' && why="a writable and executable segment"
	echo "$d" | grep -q 'TEXTREL' && why="text relocations"
	other=$(echo "$r" | awk '/^[0-9a-f]+ / && $3 != "R_X86_64_RELATIVE"' | head -1)
	[ -n "$other" ] && why="relocation other than RELATIVE: $other"
	echo "$r" | grep -q R_X86_64_RELATIVE || why="no RELATIVE relocation (data pointers?)"
	if [ -z "$why" ]; then tap ok "$what"; else tap fail "$what: $why"; fi
}
cat >"$tmp/ptrs.c" <<'C'
#include <stdio.h>
static const char *const words[] = { "a", "b" };
int main(void)
{
	return puts(words[1]) < 0;
}
C
if msg=$(cd "$tmp" && "$cc" -O2 -static-pie ptrs.c -o ptrs 2>&1); then
	check_pie "$tmp/ptrs" "-static-pie: ET_DYN at 0, PT_DYNAMIC, RELATIVE relocations only"
else
	tap fail "-static-pie: $msg"
fi
if msg=$(cd "$tmp" && "$cc" -fPIE -c ptrs.c -o p.o && "$cc" -static-pie p.o -o ptrs2 2>&1); then
	check_pie "$tmp/ptrs2" "-fPIE -c then -static-pie link"
else
	tap fail "-fPIE -c then -static-pie: $msg"
fi
# Our headers, not the host's: glibc's <stdio.h> defines _IO_EOF_SEEN, ours does not.
printf '#include <stdio.h>\n#ifdef _IO_EOF_SEEN\n#error host stdio\n#endif\n#ifndef __zero__\n#error no __zero__\n#endif\n' >"$tmp/hdr.c"
if msg=$(cd "$tmp" && "$cc" -c hdr.c -o hdr.o 2>&1); then
	tap ok "compiles against the sysroot's headers, __zero__ defined"
else
	tap fail "headers: $msg"
fi
# An undefined function is a link error, not silently resolved from the host.
printf 'int no_such_function(void);\nint main(void) { return no_such_function(); }\n' >"$tmp/undef.c"
if msg=$(cd "$tmp" && "$cc" undef.c -o undef 2>&1); then
	tap fail "an undefined function linked"
elif echo "$msg" | grep -q "no_such_function"; then
	tap ok "an undefined function fails the link and is named"
else
	tap fail "undefined function: $msg"
fi
grep -c '^ok' "$out" | xargs printf 'tool  zero-cc: %s passed, '
grep -c '^not ok' "$out" | xargs printf '%s failed\n'
grep '^not ok' "$out" | sed 's/^/  /'
exit 0
