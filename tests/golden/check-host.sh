#!/bin/sh
# tests/golden/check-host.sh [CASES]: run the golden cases (default
# tests/golden/text.cases) with host-built copies of zero's tools
# (user/bin/*.c compiled with gcc against glibc; grep with our regex,
# date with our strftime) and with the host's GNU tools, in copies of
# tests/golden/text/, and report every case whose exit statuses or
# standard output differ. Our tools run with POSIXLY_CORRECT=1 so that
# glibc's getopt stops at the first operand, as zero's does.
# Exit 0 if all agree. Needs gcc, python3 and GNU coreutils, grep, diffutils.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cases=${1:-$top/tests/golden/text.cases}
work=$(mktemp -d /tmp/golden-host.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/inc"
cp "$top/user/include/regex.h" "$work/inc/"
for src in "$top"/user/bin/*.c; do
	t=$(basename "$src" .c)
	extra=
	case $t in
	more | clear) continue ;;
	grep) extra="$top/user/lib/regex.c $top/user/lib/regexec.c" ;;
	date) extra="$top/user/lib/strftime.c" ;;
	esac
	gcc -D_GNU_SOURCE -O1 -w -I"$work/inc" -I"$top/user/lib" -o "$work/bin/$t" "$src" $extra
done
ln -s test "$work/bin/["
python3 - "$cases" "$work" "$top/tests/golden/text" <<'PY'
import os, shutil, subprocess, sys

cases, work, textdir = sys.argv[1:4]

def words(line):
    """Blank-separated words; '...' and "..." quote literally."""
    out, cur, have, i = [], "", False, 0
    while i < len(line):
        c = line[i]
        if c in " \t":
            if have:
                out.append(cur)
            cur, have = "", False
        elif c in "'\"":
            j = line.index(c, i + 1)
            cur += line[i + 1:j]
            have, i = True, j
        else:
            cur += c
            have = True
        i += 1
    if have:
        out.append(cur)
    return out

def split_case(line):
    cmds, cur = [], []
    for w in words(line):
        if w == ";;":
            cmds.append(cur)
            cur = []
        else:
            cur.append(w)
    cmds.append(cur)
    return cmds

def run(cmds, ours, tree):
    out, codes = b"", []
    env = dict(os.environ, LC_ALL="C", TZ="UTC")
    if ours:
        env["POSIXLY_CORRECT"] = "1"
    for argv in cmds:
        stdin = None
        if len(argv) >= 2 and argv[-2] == "<":
            stdin, argv = argv[-1], argv[:-2]
        prog = argv[0]
        if ours:
            prog = os.path.join(work, "bin", argv[0])
        f = open(os.path.join(tree, stdin), "rb") if stdin else subprocess.DEVNULL
        try:
            p = subprocess.run([prog] + argv[1:], stdin=f, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, cwd=tree, env=env, timeout=20)
            out += p.stdout
            codes.append(p.returncode)
        except FileNotFoundError:
            codes.append("missing")
        if stdin:
            f.close()
    return out, codes

bad = total = 0
for n, line in enumerate(open(cases), 1):
    s = line.strip()
    if not s or s.startswith("#"):
        continue
    total += 1
    results = []
    for ours in (True, False):
        tree = os.path.join(work, "tree-%d" % ours)
        shutil.rmtree(tree, ignore_errors=True)
        os.makedirs(tree)
        shutil.copytree(textdir, os.path.join(tree, "text"))
        results.append(run(split_case(s), ours, tree))
    if results[0] != results[1]:
        bad += 1
        print("DIFF line %d: %s" % (n, s))
        print("  ours: status %s, output %r" % (results[0][1], results[0][0][:300]))
        print("  GNU:  status %s, output %r" % (results[1][1], results[1][0][:300]))
print("%d cases, %d differ" % (total, bad))
sys.exit(1 if bad else 0)
PY
