# User space (DESIGN.md section 10): libc, the sysroot with zero-cc, the
# programs, the in-guest tests, and the root image packed into the initrd.
# Everything user is compiled by the installed zero-cc itself, exactly as a
# program outside the tree would be.

SYSROOT := $(B)/sysroot
ZERO_CC := $(SYSROOT)/bin/zero-cc
# -MD, not -MMD: the sysroot headers come in by -isystem, and a changed
# header (a new system call number) must rebuild the programs using it.
# zero-cc names them by absolute path; USER_DEPFIX rewrites the .d files to
# the build's own names, so make orders those headers' copies first.
USER_DEPFIX = sed -i 's|$(abspath $(SYSROOT))/|$(SYSROOT)/|g' $(basename $@).d
UCFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -MD -MP
# libc itself: GCC must not turn its loops or calls into calls of the
# functions being defined (a loop into memset, stpcpy+return into strcpy).
# It is position-independent code, so that it links into static PIE
# programs (zero-cc -static-pie) as well as into ordinary ones.
LIBC_CFLAGS := -fno-builtin -fno-tree-loop-distribute-patterns -fPIE
$(B)/user/lib/%.o: UCFLAGS += $(LIBC_CFLAGS)

# The headers: libc's (user/include) and the kernel's uapi/, with the
# generated system-call numbers.
LIBC_HDRS := $(patsubst user/include/%,%,$(sort $(wildcard user/include/*.h user/include/sys/*.h)))
UAPI_HDRS := $(wildcard core/include/uapi/*.h)
SYSROOT_HDRS := $(patsubst %,$(SYSROOT)/include/%,$(LIBC_HDRS)) \
	$(patsubst core/include/uapi/%,$(SYSROOT)/include/uapi/%,$(UAPI_HDRS)) \
	$(SYSROOT)/include/uapi/syscall.h

$(SYSROOT)/include/%.h: user/include/%.h
	@mkdir -p $(@D)
	$(Q)cp $< $@
$(SYSROOT)/include/uapi/%.h: core/include/uapi/%.h
	@mkdir -p $(@D)
	$(Q)cp $< $@
$(SYSROOT)/include/uapi/syscall.h: $(GEN)/include/uapi/syscall.h
	@mkdir -p $(@D)
	$(Q)cp $< $@
$(ZERO_CC): user/zero-cc.sh
	@mkdir -p $(@D)
	$(Q)cp $< $@ && chmod +x $@

# libc: the sources, the generated stubs (tools/syscallgen.sh stubs).
LIBC_SRCS := $(filter-out user/lib/crt0.S user/lib/rcrt0.S,$(sort $(wildcard user/lib/*.c user/lib/*.S)))
LIBC_OBJS := $(patsubst %,$(B)/%.o,$(basename $(LIBC_SRCS))) $(B)/user/lib/syscalls.o
SYSROOT_LIBS := $(SYSROOT)/lib/crt0.o $(SYSROOT)/lib/rcrt0.o $(SYSROOT)/lib/libc.a $(SYSROOT)/lib/zero.ld

$(GEN)/user/syscalls.S: $(SYSCALL_TBL) tools/syscallgen.sh
	@mkdir -p $(@D)
	$(call msg,GEN,$@)
	$(Q)tools/syscallgen.sh stubs $(SYSCALL_TBL) > $@

# Objects depend on the flags they were built with (as in the top Makefile).
$(B)/user.flags: FORCE
	@mkdir -p $(@D)
	@echo '$(UCFLAGS) $(LIBC_CFLAGS)' | cmp -s - $@ || echo '$(UCFLAGS) $(LIBC_CFLAGS)' > $@
USER_PREREQS := $(B)/user.flags $(ZERO_CC) | $(DEPS_STAMP) $(SYSROOT_HDRS)
$(B)/user/%.o: user/%.c $(USER_PREREQS)
	@mkdir -p $(@D)
	$(call msg,CC,$<)
	$(Q)$(ZERO_CC) $(UCFLAGS) $(ZPIE) -c $< -o $@ && $(USER_DEPFIX)
$(B)/user/%.o: user/%.S $(USER_PREREQS)
	@mkdir -p $(@D)
	$(call msg,AS,$<)
	$(Q)$(ZERO_CC) -g -MD -MP -c $< -o $@
$(B)/user/lib/syscalls.o: $(GEN)/user/syscalls.S $(USER_PREREQS)
	@mkdir -p $(@D)
	$(call msg,AS,$<)
	$(Q)$(ZERO_CC) -c $< -o $@

$(SYSROOT)/lib/libc.a: $(LIBC_OBJS)
	@mkdir -p $(@D)
	$(call msg,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^
$(SYSROOT)/lib/crt0.o $(SYSROOT)/lib/rcrt0.o: $(SYSROOT)/lib/%: $(B)/user/lib/%
	@mkdir -p $(@D)
	$(Q)cp $< $@
$(SYSROOT)/lib/zero.ld: user/lib/zero.ld
	@mkdir -p $(@D)
	$(Q)cp $< $@

# Programs: user/bin/<name>.c and user/sbin/<name>.c, one file each, and
# the bigger ones in a folder of their own (user/bin/<name>/*.c, linked
# into bin/<name>), all linked by zero-cc. A new file is a new program.
USER_PROGS := $(patsubst user/%.c,%,$(sort $(wildcard user/bin/*.c user/sbin/*.c)))
USER_MULTI := $(patsubst user/%/,%,$(sort $(dir $(wildcard user/bin/*/*.c))))
USER_PROGS += $(USER_MULTI)
# In-guest tests (user/tests/, the harness in user/tests/ztest.h): each
# prints "N passed, N failed" and exits 0 only if all passed.
USER_TESTS := t_string t_printf t_malloc t_setjmp t_pthread t_basic t_proc t_orphan t_job t_sys \
	t_tools t_fs t_tty t_sh t_pie t_blk t_ipc t_ext2 t_shm t_proc_fs t_mmap t_shm_dev t_event
# The golden-output runner (not a ztest: it prints what tools write; tests/golden/run.sh).
USER_TESTS += golden
# The power-cut workload (not a ztest: tests/crash/powercut.sh drives it).
USER_TESTS += fscrash
# The zero-against-Linux benchmark (user/bench/; `make bench`), in /usr/bench.
USER_BENCH := ubench utrue fsbench ipcbench
# The course's IPC demos (user/demo/*.c), installed with their sources in /usr/demo.
USER_DEMOS := $(patsubst user/demo/%.c,%,$(sort $(wildcard user/demo/*.c)))
USER_BINS := $(patsubst %,$(B)/user/%,$(USER_PROGS)) $(patsubst %,$(B)/user/tests/%,$(USER_TESTS)) \
	$(patsubst %,$(B)/user/bench/%,$(USER_BENCH)) $(patsubst %,$(B)/user/demo/%,$(USER_DEMOS))
USER_SINGLE_BINS := $(filter-out $(patsubst %,$(B)/user/%,$(USER_MULTI)),$(USER_BINS))
$(USER_SINGLE_BINS): $(B)/user/%: $(B)/user/%.o $(SYSROOT_LIBS) $(ZERO_CC)
	$(call msg,LINK,$@)
	$(Q)$(ZERO_CC) $(ZPIE) -o $@ $<
# t_pie is a static position-independent program (zero-cc -static-pie).
$(B)/user/tests/t_pie $(B)/user/tests/t_pie.o: ZPIE := -static-pie
# Their objects go to <name>.objs/: the program itself is build/user/<name>.
define user_multi
$(B)/user/$(1): $(patsubst user/$(1)/%.c,$(B)/user/$(1).objs/%.o,$(wildcard user/$(1)/*.c)) $(SYSROOT_LIBS) $(ZERO_CC)
	$$(call msg,LINK,$$@)
	$$(Q)$$(ZERO_CC) -o $$@ $$(filter-out $(SYSROOT_LIBS),$$(filter %.o,$$^))
$(B)/user/$(1).objs/%.o: user/$(1)/%.c $(USER_PREREQS)
	@mkdir -p $$(@D)
	$$(call msg,CC,$$<)
	$$(Q)$$(ZERO_CC) $$(UCFLAGS) -c $$< -o $$@ && $$(USER_DEPFIX)
endef
$(foreach m,$(USER_MULTI),$(eval $(call user_multi,$(m))))

# The root image: build/root/ from the programs, user/etc and EXTRA_ROOT
# (`make iso EXTRA_ROOT=dir` copies the files of dir over it), packed into
# the initrd (cpio "newc") that GRUB loads with every menu entry.
ROOT_DIR := $(B)/root
ROOT_DIRS := bin sbin etc dev dev/shm tmp mnt proc usr/demo usr/tests usr/bench usr/golden
ROOT_ETC := user/etc/inittab user/etc/inittab.suite user/etc/profile user/etc/passwd user/etc/group
EXTRA_ROOT ?=
EXTRA_ROOT_FILES := $(if $(EXTRA_ROOT),$(shell find $(EXTRA_ROOT) -type f 2>/dev/null))
$(B)/root.flags: FORCE
	@mkdir -p $(@D)
	@echo '$(abspath $(EXTRA_ROOT))' | cmp -s - $@ || echo '$(abspath $(EXTRA_ROOT))' > $@
# The golden-output cases and their input tree (tests/golden/, doc/testing.md).
GOLDEN_FILES := $(wildcard tests/golden/*.cases) tests/golden/mktree.sh $(wildcard tests/golden/text/*)
$(B)/root.stamp: $(USER_BINS) $(ROOT_ETC) $(GOLDEN_FILES) $(wildcard user/demo/*.c) $(EXTRA_ROOT_FILES) $(B)/root.flags user/rules.mk
	$(call msg,ROOT,$(ROOT_DIR))
	$(Q)rm -rf $(ROOT_DIR) && mkdir -p $(addprefix $(ROOT_DIR)/,$(ROOT_DIRS))
	$(Q)for p in $(USER_PROGS); do strip --strip-debug -o $(ROOT_DIR)/$$p $(B)/user/$$p; done
	$(Q)cp $(ROOT_DIR)/bin/test "$(ROOT_DIR)/bin/["
	$(Q)for t in $(USER_TESTS); do strip --strip-debug -o $(ROOT_DIR)/usr/tests/$$t $(B)/user/tests/$$t; done
	$(Q)for t in $(USER_BENCH); do strip --strip-debug -o $(ROOT_DIR)/usr/bench/$$t $(B)/user/bench/$$t; done
	$(Q)for d in $(USER_DEMOS); do strip --strip-debug -o $(ROOT_DIR)/usr/demo/$$d $(B)/user/demo/$$d && \
		cp user/demo/$$d.c $(ROOT_DIR)/usr/demo/; done
	$(Q)cp $(ROOT_ETC) $(ROOT_DIR)/etc/
	$(Q)chmod 1777 $(ROOT_DIR)/tmp
	$(Q)tests/golden/mktree.sh $(ROOT_DIR)/usr/golden/tree $(B)/user/bin/true
	$(Q)$(if $(filter %.cases,$(GOLDEN_FILES)),cp $(filter %.cases,$(GOLDEN_FILES)) $(ROOT_DIR)/usr/golden/)
	$(Q)$(if $(EXTRA_ROOT),cp -R $(EXTRA_ROOT)/. $(ROOT_DIR)/)
	@touch $@
$(B)/initrd.cpio: $(B)/root.stamp
	$(call msg,CPIO,$@)
	$(Q)cd $(ROOT_DIR) && find . -mindepth 1 | LC_ALL=C sort | \
		cpio -o -H newc -R 0:0 --quiet > $(abspath $@)

.PHONY: user sysroot
sysroot: $(SYSROOT_HDRS) $(SYSROOT_LIBS) $(ZERO_CC)
user: sysroot $(USER_BINS) $(B)/initrd.cpio
