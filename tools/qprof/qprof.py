#!/usr/bin/env python3
"""Symbolize a qprof profile (tools/qprof/qprof.c): instructions by function.

Usage: qprof.py LOG PROFILE [BASELINE] [--top N] [--user ELF] [--div N]
LOG is the guest's serial log at loglevel=7, whose "module NAME: gdb:
add-symbol-file NAME.ko ADDR -s SECTION ADDR ..." lines place each module;
the kernel's symbols come from build/zero.elf, a module's from
build/modules/NAME.ko, user addresses from --user ELF. With BASELINE (the
profile of the same boot without the workload) its counts are subtracted,
so the table is the workload's alone; --div N divides it (the workload ran
N times more in PROFILE than in BASELINE).
"""
import re
import subprocess
import sys
import bisect
from collections import defaultdict

B = "build"


def elf_symbols(path, bases=None):
    """[(addr, name)] of the functions of an ELF; bases maps section names
    to load addresses for a relocatable file."""
    secs = {}
    out = subprocess.run(["readelf", "-SW", path], capture_output=True, text=True).stdout
    for m in re.finditer(r"\[\s*(\d+)\]\s+(\S+)", out):
        secs[int(m.group(1))] = m.group(2)
    syms = []
    out = subprocess.run(["readelf", "-sW", path], capture_output=True, text=True).stdout
    for line in out.splitlines():
        f = line.split()
        if len(f) < 8 or f[3] not in ("FUNC", "NOTYPE") or f[7].startswith("."):
            continue
        value = int(f[1], 16)
        if bases is not None:
            if not f[6].isdigit():
                continue
            sec = secs.get(int(f[6]))
            if sec not in bases:
                continue
            value += bases[sec]
        syms.append((value, f[7]))
    return syms


def module_bases(log):
    mods = {}
    pat = re.compile(r"module (\S+): gdb: add-symbol-file \S+ (0x[0-9a-f]+)(.*)")
    for line in open(log, errors="replace"):
        m = pat.search(line)
        if not m:
            continue
        bases = {".text": int(m.group(2), 16)}
        for s, a in re.findall(r"-s (\S+) (0x[0-9a-f]+)", m.group(3)):
            bases[s] = int(a, 16)
        mods[m.group(1)] = bases
    return mods


def load(path):
    prof = defaultdict(int)
    for line in open(path):
        a, n, c = line.split()
        prof[int(a, 16)] += int(n) * int(c)
    return prof


def main():
    args = sys.argv[1:]
    top, user, div = 40, None, 1
    if "--div" in args:
        i = args.index("--div")
        div = int(args[i + 1])
        del args[i:i + 2]
    if "--top" in args:
        i = args.index("--top")
        top = int(args[i + 1])
        del args[i:i + 2]
    if "--user" in args:
        i = args.index("--user")
        user = args[i + 1]
        del args[i:i + 2]
    log, prof = args[0], load(args[1])
    if len(args) > 2:
        for a, n in load(args[2]).items():
            prof[a] -= n
    syms = [(a, "kernel:" + n) for a, n in elf_symbols(B + "/zero.elf")]
    for name, bases in module_bases(log).items():
        syms += [(a, name + ":" + n) for a, n in elf_symbols(B + "/modules/" + name + ".ko", bases)]
    if user:
        syms += [(a, "user:" + n) for a, n in elf_symbols(user)]
    syms.sort()
    addrs = [a for a, _ in syms]
    byfn = defaultdict(int)
    for a, n in prof.items():
        i = bisect.bisect_right(addrs, a) - 1
        byfn[syms[i][1] if i >= 0 else "?"] += n
    byfn = {k: v // div for k, v in byfn.items()}
    total = sum(byfn.values())
    print("%12s %6s  %s" % ("insns", "%", "function"))
    for name, n in sorted(byfn.items(), key=lambda x: -abs(x[1]))[:top]:
        print("%12d %6.2f  %s" % (n, 100.0 * n / total if total else 0, name))
    print("%12d %6s  total" % (total, ""))


main()
