# gdb extension for zero (loaded by `make debug`).
#
# The kernel links modules at boot into addresses only it knows. After each
# link it calls module_gdb_loaded(m); this script keeps an internal
# breakpoint there that reads the module's name and section addresses from
# `m` and runs add-symbol-file on the matching .ko of the build, then lets
# the kernel go on. So a breakpoint in a module's function (set before the
# module loads: pending breakpoints are on) just works.
#
# Commands: `zero-modules` lists the modules the kernel knows.
import os

import gdb

BUILD = os.environ.get("ZERO_BUILD", "build")
SEARCH = [os.path.join(BUILD, "modules"), os.path.join(BUILD, "tests", "kmod")]


def _module_file(name):
    for d in SEARCH:
        path = os.path.join(d, name + ".ko")
        if os.path.exists(path):
            return path
    return None


def _sections(m):
    ldr = m["ldr"]
    text, others = None, []
    for i in range(int(ldr["nsec"])):
        sec = ldr["sec"][i]
        name = sec["name"].string()
        addr = int(sec["target"])
        if name == ".text" and text is None:
            text = addr
        elif int(sec["size"]):
            others.append((name, addr))
    if text is None and others:
        text = others.pop(0)[1]
    return text, others


class ModuleLoaded(gdb.Breakpoint):
    def __init__(self):
        super().__init__("module_gdb_loaded", internal=True)
        self.silent = True

    def stop(self):
        m = gdb.parse_and_eval("m").dereference()
        name = m["name"].string()
        path = _module_file(name)
        text, others = _sections(m)
        if path is None or text is None:
            gdb.write("zero: no symbols for module %s (no %s.ko under %s)\n"
                      % (name, name, " or ".join(SEARCH)))
            return False
        cmd = "add-symbol-file %s 0x%x" % (path, text)
        cmd += "".join(" -s %s 0x%x" % (s, a) for s, a in others)
        gdb.execute(cmd, to_string=True)
        gdb.write("zero: loaded symbols of module %s from %s at 0x%x\n" % (name, path, text))
        return False


class ZeroModules(gdb.Command):
    """List the modules the kernel knows: zero-modules."""

    def __init__(self):
        super().__init__("zero-modules", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        n = int(gdb.parse_and_eval("module_n"))
        states = {0: "refused", 1: "linked", 2: "live"}
        for i in range(n):
            m = gdb.parse_and_eval("module_table[%d]" % i)
            state = states.get(int(m["state"]), "?")
            gdb.write("%-12s %-8s %-8s base 0x%x size %d %s\n" % (
                m["name"].string(), m["role"].string(), state, int(m["base"]),
                int(m["size"]), m["reason"].string()))


gdb.execute("set breakpoint pending on")
ModuleLoaded()
ZeroModules()
gdb.write("zero: module symbols load automatically; try `zero-modules`\n")
