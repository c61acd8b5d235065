# Tests, three tiers (DESIGN.md section 7); `make test` runs them all and
# ends with "N passed, N failed".
#  1. host unit tests: real sources against fakes, with ASan and UBSan;
#  2. in-kernel self-tests (ktest=), run inside the QEMU boots below;
#  3. QEMU system tests: tests/qemu/*.t, one boot each.

# Host unit tests: test_<name> links tests/host/test_<name>.c with the
# sources listed in test_<name>_SRCS.
HOST_TESTS := libc_printf libc_string libc_malloc libc_regex exec_elf list kva fmt cmdline ksym mb2 bootmem printk modsort ldr ldr_refuse vm_region vm_region_hints page_buddy page_reclaim page_pcp sched_zero sched_stride callout mem_zone mem_tlsf kmod_arg trap sleep fdtab pipe sys_file vfs cpio dev vfs_attr vfs_mount tty sh_parse buf buf_writeback blkdev ipc_msg ipc_sem ipc_fifo ipc_shm vm_obj ext2 ext2_write jbd procfs vm_page event
test_list_SRCS :=
test_kva_SRCS := core/kern/mm/kva.c
test_fmt_SRCS := core/kern/lib/fmt.c
test_procfs_SRCS := modules/procfs/procfs_fmt.c modules/procfs/procfs_sbuf.c core/kern/lib/fmt.c
test_cmdline_SRCS := core/kern/init/cmdline.c
test_ksym_SRCS := core/kern/debug/ksym.c core/kern/lib/fmt.c
test_mb2_SRCS := core/kern/init/mb2.c tests/host/mb2_builder.c
test_bootmem_SRCS := core/kern/mm/bootmem.c
test_modsort_SRCS := core/kern/mod/modsort.c
# The linker's tests run on the real example module from the build.
test_ldr_SRCS := tests/host/ldr_fixture.c $(LOADER_SRCS)
test_ldr_ARGS := $(B)/modules/hello.ko
test_ldr_refuse_SRCS := $(test_ldr_SRCS)
test_ldr_refuse_ARGS := $(test_ldr_ARGS)
test_vm_region_SRCS := modules/vm/vm_region.c modules/vm/vm_region_tree.c \
	tests/host/vm_region_fixture.c
test_vm_region_hints_SRCS := $(test_vm_region_SRCS)
test_page_buddy_SRCS := modules/page/buddy_alloc.c modules/page/buddy_frames.c \
	modules/page/buddy_ops.c modules/page/buddy_reclaim.c modules/page/buddy_takeover.c \
	core/kern/mm/bootmem.c tests/host/page_buddy_fixture.c
test_page_reclaim_SRCS := $(test_page_buddy_SRCS)
test_page_pcp_SRCS := $(test_page_buddy_SRCS) core/kern/mm/page_pcp.c
test_sched_zero_SRCS := core/kern/proc/sched_zero.c tests/host/sched_sim.c
test_sched_stride_SRCS := modules/sched/stride/stride.c tests/host/sched_sim.c
test_callout_SRCS := modules/tmr/callout.c
test_kmod_arg_SRCS := core/kern/mod/kmod_arg.c core/kern/init/cmdline.c
test_exec_elf_SRCS := core/kern/proc/exec_elf.c
# The shell's lexer, parser and expansion, and libc's fnmatch and glob.
test_sh_parse_SRCS := user/bin/sh/lex.c user/bin/sh/parse.c user/bin/sh/ast.c \
	user/bin/sh/util.c user/bin/sh/vars.c user/bin/sh/expand.c user/bin/sh/xglob.c \
	user/bin/sh/arith.c \
	user/lib/fnmatch.c user/lib/glob.c
ZONE_CORE_SRCS := modules/mem/zone/zone_slab.c modules/mem/zone/zone_magazine.c modules/mem/zone/zone_cache.c \
	modules/mem/zone/zone_alloc.c modules/mem/zone/zone_debug.c modules/mem/zone/zone_ops.c
TLSF_CORE_SRCS := modules/mem/tlsf/tlsf.c modules/mem/tlsf/tlsf_ops.c
test_mem_zone_SRCS := tests/host/mem_suite.c tests/host/mem_suite_bed.c $(ZONE_CORE_SRCS) core/kern/lib/fmt.c
test_mem_tlsf_SRCS := tests/host/mem_suite.c tests/host/mem_suite_bed.c $(TLSF_CORE_SRCS) core/kern/lib/fmt.c
BLKDEV_SRCS := core/kern/dev/blkdev.c core/kern/dev/blkdev_mbr.c core/kern/dev/blkdev_gpt.c \
	core/kern/dev/blkdev_rw.c
test_blkdev_SRCS := $(BLKDEV_SRCS) core/kern/dev/blkdev_buf.c core/kern/lib/fmt.c core/arch/host/arch.c
test_printk_SRCS := core/kern/debug/printk.c core/kern/lib/fmt.c core/arch/host/arch.c
test_trap_SRCS := core/kern/intr/trap.c $(HOST_ARCH_SRCS)
test_sleep_SRCS := core/kern/proc/sleep.c $(HOST_ARCH_SRCS)
FILE_FAKE_SRCS := core/kern/file/file.c tests/host/file_fakes.c tests/host/host_threads.c
test_fdtab_SRCS := core/kern/file/fdtab.c $(FILE_FAKE_SRCS)
test_fdtab_LIBS := -lpthread
test_pipe_SRCS := modules/ipc/pipe.c modules/ipc/pipe_ring.c $(FILE_FAKE_SRCS)
test_pipe_LIBS := -lpthread
IPC_SYSV_SRCS := modules/ipc/ipc_obj.c tests/host/ipc_fakes.c $(FILE_FAKE_SRCS)
test_ipc_msg_SRCS := modules/ipc/msg.c modules/ipc/msg_queue.c $(IPC_SYSV_SRCS)
test_ipc_msg_LIBS := -lpthread
test_ipc_sem_SRCS := modules/ipc/sem.c modules/ipc/sem_ops.c $(IPC_SYSV_SRCS)
test_ipc_sem_LIBS := -lpthread
test_ipc_fifo_SRCS := modules/ipc/fifo.c $(test_pipe_SRCS)
test_ipc_shm_SRCS := modules/ipc/shm.c modules/ipc/pshm.c core/kern/lib/fmt.c $(IPC_SYSV_SRCS)
test_ipc_shm_LIBS := -lpthread
test_vm_obj_SRCS := modules/vm/vm_obj.c modules/vm/vm_obj_page.c modules/vm/vm_region.c modules/vm/vm_region_tree.c \
	$(FILE_FAKE_SRCS)
test_vm_obj_LIBS := -lpthread
test_ipc_fifo_LIBS := -lpthread
BUF_CACHE_SRCS := modules/buf/bcache.c modules/buf/bcache_io.c modules/buf/bcache_sync.c \
	modules/buf/bcache_reclaim.c modules/buf/bcache_run.c tests/host/buf_fakes.c tests/host/file_fakes.c \
	tests/host/host_threads.c
test_buf_SRCS := $(BUF_CACHE_SRCS) tests/host/buf_tdisk.c
test_buf_LIBS := -lpthread
test_buf_writeback_SRCS := $(test_buf_SRCS)
test_buf_writeback_LIBS := -lpthread
# The journal with the real buffer cache over ext3 images from mke2fs, judged by e2fsck.
JBD_SRCS := modules/ext2/jbd_load.c modules/ext2/jbd_recover.c modules/ext2/jbd_handle.c \
	modules/ext2/jbd_commit.c modules/ext2/jbd_checkpoint.c modules/ext2/jbd_thread.c \
	modules/ext2/jbd_csum.c
test_jbd_SRCS := tests/host/test_jbd_threads.c $(JBD_SRCS) $(filter-out tests/host/host_threads.c,$(BUF_CACHE_SRCS)) \
	tests/host/jbd_fakes.c tests/host/host_threads.c tests/host/buf_role_shim.c
test_jbd_LIBS := -lpthread
test_sys_file_SRCS := core/kern/syscall/sys_fd.c core/kern/syscall/sys_path.c \
	core/kern/syscall/sys_path_arg.c core/kern/syscall/sys_pipe.c core/kern/syscall/sys_rw.c \
	core/kern/file/fdtab.c core/kern/file/file_path.c $(test_pipe_SRCS)
test_sys_file_LIBS := -lpthread
# The io module: its sources against a fake kernel (tests/host/io_fixture.c),
# the real open-file layer and raw console, and the host arch's console.
# The vm's memory objects for the page cache, over the host's page tables and fake frames.
VM_HOST_SRCS := tests/host/vm_host.c modules/vm/vm_obj.c modules/vm/vm_obj_page.c modules/vm/vm_pool.c \
	modules/vm/vm_region.c modules/vm/vm_region_tree.c core/arch/host/mmu.c tests/host/buf_fakes.c
# Paged memory objects (the page cache's) against those fakes.
test_vm_page_SRCS := tests/host/test_vm_page.c $(VM_HOST_SRCS)
IO_SRCS := $(filter-out modules/io/io_mod.c modules/io/vfs_page_thr.c,$(io_SRCS))
IO_TEST_SRCS := $(IO_SRCS) $(BLKDEV_SRCS) core/kern/lib/fmt.c core/kern/file/file.c core/kern/file/console.c core/arch/host/arch.c \
	tests/host/io_fixture.c tests/host/io_job_fixture.c tests/host/io_util.c tests/host/io_ipc_fake.c \
	tests/host/io_ev_fake.c $(VM_HOST_SRCS)
test_vfs_SRCS := $(IO_TEST_SRCS)
test_vfs_attr_SRCS := $(IO_TEST_SRCS)
test_vfs_mount_SRCS := $(IO_TEST_SRCS)
test_dev_SRCS := $(IO_TEST_SRCS)
test_tty_SRCS := $(IO_TEST_SRCS) core/arch/x86_64/vga_term.c
test_event_SRCS := $(IO_TEST_SRCS)
# ext2 over image files: the VFS, the real buffer cache and block-device switch, the
# images made by mke2fs -d from a generated tree (tests/host/ext2_mkimg.sh).
EXT2_TEST_SRCS := $(IO_TEST_SRCS) $(ext2_SRCS) core/kern/dev/blkdev_buf.c core/kern/mod/kmod_arg.c core/kern/init/cmdline.c \
	modules/buf/bcache.c \
	modules/buf/bcache_io.c modules/buf/bcache_sync.c modules/buf/bcache_reclaim.c modules/buf/bcache_run.c \
	tests/host/ext2_fixture.c tests/host/ext2_compare.c tests/host/ext2_shim.c tests/host/buf_role_shim.c \
	tests/host/ext2_host.c
test_ext2_SRCS := $(EXT2_TEST_SRCS)
test_ext2_ARGS := $(B)/tests/ext2
test_ext2_write_SRCS := $(EXT2_TEST_SRCS)
test_ext2_write_ARGS := $(B)/tests/ext2
$(B)/tests/ext2/stamp: tests/host/ext2_mkimg.sh | $(DEPS_STAMP)
	$(call msg,MKE2FS,$(@D))
	$(Q)tests/host/ext2_mkimg.sh $(@D)
$(B)/results/host-ext2.tap $(B)/results/host-ext2_write.tap: $(B)/tests/ext2/stamp
test_cpio_SRCS := $(IO_TEST_SRCS) tests/host/cpio_builder.c
test_cpio_ARGS := $(B)/tests/cpio/good.cpio
$(B)/tests/cpio/good.cpio: tests/host/mkcpio.sh
	@mkdir -p $(@D)
	$(call msg,CPIO,$@)
	$(Q)tests/host/mkcpio.sh $(@D)/tree $@
$(B)/results/host-cpio.tap: $(B)/tests/cpio/good.cpio

# libc's host-testable parts (user/lib) compiled for the host against our own
# headers, linked into one object whose every global symbol gets the prefix
# zl_, so that the tests compare them with glibc's in the same program
# (tests/host/libc_host.h declares them).
LIBC_HOST_SRCS := user/lib/ctype.c user/lib/errno.c user/lib/fmt.c user/lib/fmt_float.c \
	user/lib/malloc.c user/lib/qsort.c user/lib/regex.c user/lib/regexec.c user/lib/scan.c \
	user/lib/snprintf.c user/lib/sscanf.c user/lib/strftime.c user/lib/string.c user/lib/strtol.c
LIBC_HOST_OBJS := $(patsubst %.c,$(B)/host-libc/%.o,$(LIBC_HOST_SRCS))
LIBC_HOST_OBJ := $(B)/host-libc/libc_zl.o
LIBC_HOST_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -MMD -MP \
	-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
	-fno-builtin -fno-tree-loop-distribute-patterns -fno-stack-protector -nostdinc \
	-isystem $(SYSROOT)/include -isystem $(shell $(HOSTCC) -print-file-name=include)
$(B)/host-libc.flags: FORCE
	@mkdir -p $(@D)
	@echo '$(LIBC_HOST_CFLAGS)' | cmp -s - $@ || echo '$(LIBC_HOST_CFLAGS)' > $@
$(B)/host-libc/%.o: %.c $(B)/host-libc.flags | $(DEPS_STAMP) $(SYSROOT_HDRS)
	@mkdir -p $(@D)
	$(call msg,HOSTCC,$<)
	$(Q)$(HOSTCC) $(LIBC_HOST_CFLAGS) -c $< -o $@
$(LIBC_HOST_OBJ): $(LIBC_HOST_OBJS)
	$(call msg,LD,$@)
	$(Q)ld -r -o $@.tmp $^
	$(Q)nm -g --defined-only $@.tmp | awk 'NF == 3 { print $$3, "zl_" $$3 }' | sort -u > $@.syms
	$(Q)objcopy --redefine-syms=$@.syms $@.tmp $@ && rm -f $@.tmp
test_libc_printf_SRCS := tests/host/libc_fake_os.c
test_libc_string_SRCS := tests/host/libc_fake_os.c
test_libc_malloc_SRCS := tests/host/libc_fake_os.c
test_libc_regex_SRCS := tests/host/libc_fake_os.c
$(B)/tests/test_libc_printf $(B)/tests/test_libc_string $(B)/tests/test_libc_malloc \
	$(B)/tests/test_libc_regex: $(LIBC_HOST_OBJ)

define host_test_rule
$(B)/tests/test_$(1): $(B)/host/tests/host/test_$(1).o $(patsubst %.c,$(B)/host/%.o,$(test_$(1)_SRCS))
	@mkdir -p $$(@D)
	$$(call msg,LINK,$$@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -o $$@ $$^ $(test_$(1)_LIBS) -lcmocka
endef
$(foreach t,$(HOST_TESTS),$(eval $(call host_test_rule,$(t))))
HOST_TEST_BINS := $(patsubst %,$(B)/tests/test_%,$(HOST_TESTS))

# Module fixtures for the QEMU tests: good and deliberately bad modules,
# built like real ones but not checked (some must fail to load).
KMOD_FIXTURES := failinit needflaky needy cyca cycb unresolved late needlate badops badsched bigbss \
	latetwin bssfit
$(foreach m,$(KMOD_FIXTURES),$(eval $(m)_SRCS := tests/kmod/$(m).c))
$(foreach m,$(KMOD_FIXTURES),$(eval $(call module_rule,$(m),$(B)/tests/kmod,)))
# Deliberately corrupted copies of hello.ko, one per refusal class.
KMOD_BAD := trunc notelf class machine type secoff stroff symidx shndx reloc abi nometa \
	opsaddend opsinfo import initmid initend namepast dupexport expimport hugebss
KMOD_BAD_FILES := $(patsubst %,$(B)/tests/kmod/bad_%.ko,$(KMOD_BAD))
$(B)/tools/mkbadmods: tests/kmod/mkbadmods.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(call msg,HOSTCC,$<)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) $(HOSTCPPFLAGS) -o $@ $<
$(B)/tests/kmod/bad.stamp: $(B)/tools/mkbadmods $(B)/modules/hello.ko
	@mkdir -p $(@D)
	$(Q)$(B)/tools/mkbadmods $(B)/modules/hello.ko $(@D) > $(@D)/bad.txt
	@touch $@
$(KMOD_BAD_FILES): $(B)/tests/kmod/bad.stamp
KMOD_FIXTURE_FILES := $(patsubst %,$(B)/tests/kmod/%.ko,$(KMOD_FIXTURES)) $(KMOD_BAD_FILES)

# QEMU system tests: each tests/qemu/NAME.t boots one menu entry.
QEMU_TESTS := $(sort $(wildcard tests/qemu/*.t))
QEMU_TEST_INPUTS := $(B)/iso/boot/zero.elf $(ISO_DIR)/boot/initrd.cpio $(ISO_MODS) $(KMOD_FIXTURE_FILES) tools/menu.txt \
	tools/mkgrubcfg.sh \
	tools/mkiso.sh tests/qemu/run.sh

TEST_RESULTS := $(patsubst %,$(B)/results/host-%.tap,$(HOST_TESTS)) \
	$(patsubst tests/qemu/%.t,$(B)/results/qemu-%.tap,$(QEMU_TESTS))

.PHONY: test-force
$(B)/results/host-%.tap: $(B)/tests/test_% tests/run-host.sh $(B)/modules/hello.ko test-force
	@tests/run-host.sh $< $@ $(test_$*_ARGS)

# The typist of the interactive tests (SCRIPT= in a .t file).
$(B)/tests/ttydrive: tests/qemu/ttydrive.c tests/qemu/ttydrive_mon.c tests/qemu/ttydrive.h \
		| $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(call msg,HOSTCC,$@)
	$(Q)gcc -O2 -Wall -Wextra -Werror -o $@ $(filter %.c,$^)
$(B)/results/qemu-%.tap: tests/qemu/%.t $(QEMU_TEST_INPUTS) $(B)/tests/ttydrive test-force
	@tests/qemu/run.sh $< $@


# Benchmarks: each prints a table; nothing is asserted about speed.
BENCH_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -MMD -MP
$(B)/bench/bench_fmt: tests/bench/bench_fmt.c core/kern/lib/fmt.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(call msg,LINK,$@)
	$(Q)$(HOSTCC) $(BENCH_CFLAGS) $(HOSTCPPFLAGS) -o $@ $^

$(B)/bench/bench_mem: tests/bench/bench_mem.c $(ZONE_CORE_SRCS) $(TLSF_CORE_SRCS) core/kern/lib/fmt.c \
		| $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(call msg,LINK,$@)
	$(Q)$(HOSTCC) $(BENCH_CFLAGS) $(HOSTCPPFLAGS) -o $@ $^ -lpthread

# The "zone (before)" column: the same benchmark built against the zone
# allocator of BENCH_BASE (the tree before issue 10), taken from git. No
# git, no column.
BENCH_BASE := b33df15
$(B)/bench/bench_mem_before: tests/bench/bench_mem.c $(TLSF_CORE_SRCS) core/kern/lib/fmt.c \
		| $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(call msg,LINK,$@)
	$(Q)rm -rf $(B)/bench/base && mkdir -p $(B)/bench/base && \
	if git archive $(BENCH_BASE) modules/mem/zone 2>/dev/null | tar -x -C $(B)/bench/base; then \
		$(HOSTCC) $(filter-out -MMD -MP,$(BENCH_CFLAGS)) -I$(B)/bench/base/modules \
			$(HOSTCPPFLAGS) -o $@ tests/bench/bench_mem.c $(TLSF_CORE_SRCS) core/kern/lib/fmt.c \
			$(B)/bench/base/modules/mem/zone/zone_*.c -lpthread; \
	else echo "bench: no git history: no 'zone (before)' column"; fi

BENCHES := $(B)/bench/bench_fmt $(B)/bench/bench_mem
bench: $(BENCHES) $(B)/bench/bench_mem_before $(B)/tests/ttydrive $(ISO_DIR)/boot/zero.elf $(ISO_DIR)/boot/initrd.cpio $(ISO_MODS)
	@tests/bench/deps.sh
	@echo "== $(B)/bench/bench_fmt"; $(B)/bench/bench_fmt; echo
	@echo "== $(B)/bench/bench_mem"
	@$(B)/bench/bench_mem $(if $(wildcard $(B)/bench/bench_mem_before),--before $(B)/bench/bench_mem_before)
	@echo
	@echo "== guest: the two schedulers side by side"
	@tests/bench/run-guest.sh zero zero-stride
	@echo
	@echo "== guest: memory (before = the tree before issue 10, tests/bench/mem-before.rows)"
	@tests/bench/run-mem.sh zero
	@echo
	@echo "== guest: boot"
	@tests/bench/run-boot.sh zero
	@echo
	@echo "== guest: boot to the shell's prompt"
	@tests/bench/run-prompt.sh zero
	@echo
	@echo "== guest: zero against Linux (user/bench/ubench.c on both kernels)"
	@tests/bench/linux-deps.sh
	@tests/bench/run-ubench.sh
	@echo
	@echo "== guest: IPC and mappings, zero against Linux (user/bench/ipcbench.c on both kernels)"
	@tests/bench/run-ipc.sh
	@echo
	@echo "== guest: storage, zero against Linux on the same disk image (user/bench/fsbench.c)"
	@tests/bench/run-fs.sh

# Fuzzing the module linker with libFuzzer: `make test` runs it briefly
# (FUZZ_TEST_SECONDS), `make fuzz` for longer (FUZZ_SECONDS). The corpus
# starts from the committed seeds plus the real and broken modules of the
# build; crashes are written to $(B)/fuzz/.
FUZZ_TEST_SECONDS ?= 20
FUZZ_BOOT_TEST_SECONDS ?= 10
FUZZ_SECONDS ?= 600
FUZZ_LDR := $(B)/fuzz/fuzz_ldr
$(FUZZ_LDR): tests/fuzz/fuzz_ldr.c $(LOADER_SRCS) | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(call msg,CLANG,$@)
	$(Q)$(CLANG) -g -O1 -fsanitize=fuzzer,address,undefined -Icore/arch/host/include -Icore/include \
		-Iloader/include \
		-o $@ $^

# The boot-input parsers (multiboot2, command line, module arguments) get a
# target of their own, seeded from tests/fuzz/corpus/boot.
FUZZ_BOOT := $(B)/fuzz/fuzz_boot
FUZZ_BOOT_SRCS := core/kern/init/mb2.c core/kern/init/cmdline.c core/kern/mod/kmod_arg.c
$(FUZZ_BOOT): tests/fuzz/fuzz_boot.c $(FUZZ_BOOT_SRCS) | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(call msg,CLANG,$@)
	$(Q)$(CLANG) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-Icore/arch/host/include -Icore/include -Icore/kern/include -Iloader/include \
		-o $@ $^

# The cpio parser of modules/io and the root it unpacks (the module on the
# fake kernel of its host tests), seeded with tests/fuzz/corpus/cpio and the
# host test's good archive.
FUZZ_CPIO := $(B)/fuzz/fuzz_cpio
FUZZ_CPIO_SRCS := tests/fuzz/fuzz_cpio.c $(filter-out tests/host/io_util.c,$(IO_TEST_SRCS))
$(FUZZ_CPIO): $(FUZZ_CPIO_SRCS) | $(DEPS_STAMP) $(GEN_HEADERS)
	@mkdir -p $(@D)
	$(call msg,CLANG,$@)
	$(Q)$(CLANG) -g -O1 -fsanitize=fuzzer,address,undefined -Icore/arch/host/include -Icore/include \
		-I$(GEN)/include -Imodules -o $@ $(FUZZ_CPIO_SRCS)

# ext2's mount path and what it reads, on the io module and the real cache and
# block-device switch, seeded with the tiny images of tests/host/ext2_mkimg.sh.
FUZZ_EXT2 := $(B)/fuzz/fuzz_ext2
FUZZ_EXT2_SRCS := tests/fuzz/fuzz_ext2.c $(filter-out tests/host/io_util.c,$(IO_TEST_SRCS)) \
	$(ext2_SRCS) core/kern/dev/blkdev_buf.c modules/buf/bcache.c modules/buf/bcache_io.c \
	modules/buf/bcache_sync.c modules/buf/bcache_reclaim.c modules/buf/bcache_run.c \
	tests/host/ext2_shim.c tests/host/buf_role_shim.c core/kern/mod/kmod_arg.c core/kern/init/cmdline.c
$(FUZZ_EXT2): $(FUZZ_EXT2_SRCS) | $(DEPS_STAMP) $(GEN_HEADERS)
	@mkdir -p $(@D)
	$(call msg,CLANG,$@)
	$(Q)$(CLANG) -g -O1 -fsanitize=fuzzer,address,undefined -Icore/arch/host/include -Icore/include \
		-Icore/kern/include -I$(GEN)/include -Imodules -Itests/host -o $@ $(FUZZ_EXT2_SRCS)

.PHONY: fuzz
fuzz: $(FUZZ_LDR) $(FUZZ_BOOT) $(FUZZ_CPIO) $(FUZZ_EXT2) $(B)/tests/ext2/stamp $(MODULES) $(KMOD_FIXTURE_FILES) $(B)/tests/cpio/good.cpio
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run.sh $(FUZZ_LDR) $(B)/fuzz ldr $(FUZZ_SECONDS)
	@tests/fuzz/run.sh $(FUZZ_BOOT) $(B)/fuzz boot $(FUZZ_SECONDS)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run.sh $(FUZZ_CPIO) $(B)/fuzz cpio $(FUZZ_SECONDS)
	@tests/fuzz/run.sh $(FUZZ_EXT2) $(B)/fuzz ext2 $(FUZZ_SECONDS)

$(B)/results/fuzz-ldr.tap: $(FUZZ_LDR) $(MODULES) $(KMOD_FIXTURE_FILES) tests/fuzz/run.sh test-force
	@tests/fuzz/run.sh $(FUZZ_LDR) $(B)/fuzz ldr $(FUZZ_TEST_SECONDS) $@

# After the linker's run: the two share the machine's cores otherwise.
$(B)/results/fuzz-boot.tap: $(FUZZ_BOOT) tests/fuzz/run.sh test-force | $(B)/results/fuzz-ldr.tap
	@tests/fuzz/run.sh $(FUZZ_BOOT) $(B)/fuzz boot $(FUZZ_BOOT_TEST_SECONDS) $@

TEST_RESULTS += $(B)/results/fuzz-ldr.tap $(B)/results/fuzz-boot.tap

$(B)/results/fuzz-cpio.tap: $(FUZZ_CPIO) $(B)/tests/cpio/good.cpio tests/fuzz/run.sh test-force
	@tests/fuzz/run.sh $(FUZZ_CPIO) $(B)/fuzz cpio $(FUZZ_TEST_SECONDS) $@

TEST_RESULTS += $(B)/results/fuzz-cpio.tap

$(B)/results/fuzz-ext2.tap: $(FUZZ_EXT2) $(B)/tests/ext2/stamp tests/fuzz/run.sh test-force \
		| $(B)/results/fuzz-cpio.tap
	@tests/fuzz/run.sh $(FUZZ_EXT2) $(B)/fuzz ext2 $(FUZZ_TEST_SECONDS) $@
TEST_RESULTS += $(B)/results/fuzz-ext2.tap

# The host module checker, on good and broken modules.
$(B)/results/tool-kmodcheck.tap: $(KMODCHECK) $(B)/zero.elf $(MODULES) $(KMOD_FIXTURE_FILES) \
		tests/tools/kmodcheck.sh test-force
	@mkdir -p $(@D)
	@tests/tools/kmodcheck.sh $(KMODCHECK) $(B)/zero.elf $@
TEST_RESULTS += $(B)/results/tool-kmodcheck.tap

# The kernel and kmodcheck agree on every class of broken module.
$(B)/results/tool-kmodagree.tap: $(KMODCHECK) $(B)/zero.elf $(QEMU_TEST_INPUTS) \
		tests/tools/kmodagree.sh test-force
	@tests/tools/kmodagree.sh $(KMODCHECK) $(B)/zero.elf $@ $(KMOD_BAD_FILES)
TEST_RESULTS += $(B)/results/tool-kmodagree.tap

# A new module folder outside modules/, built with `make module M=` and
# booted with `make run MODULES= BOOT=`. It writes $(B)/modules/newmod.ko for
# a while, so it waits for the fuzzer, whose corpus takes $(B)/modules/*.ko.
$(B)/results/tool-newmodule.tap: $(ISO_DIR)/boot/zero.elf $(ISO_DIR)/boot/initrd.cpio $(ISO_MODS) $(KMODCHECK) \
		modules/example/hello/hello.c modules/example/hello/module.mk tools/mktestiso.sh \
		tools/mkgrubcfg.sh tools/mkiso.sh tests/tools/newmodule.sh test-force \
		| $(B)/results/fuzz-ldr.tap
	@B=$(B) tests/tools/newmodule.sh $@
TEST_RESULTS += $(B)/results/tool-newmodule.tap

# The disk of `make run` (tools/mkdisk.sh): e2fsck and debugfs judge it.
$(B)/results/tool-diskimg.tap: $(B)/root.stamp tools/mkdisk.sh tests/tools/diskimg.sh test-force
	@mkdir -p $(@D)
	@tests/tools/diskimg.sh $(ROOT_DIR) $@
TEST_RESULTS += $(B)/results/tool-diskimg.tap

# zero-cc builds a program outside the tree into a static x86-64 ET_EXEC.
$(B)/results/tool-zerocc.tap: $(ZERO_CC) $(SYSROOT_HDRS) $(SYSROOT_LIBS) tests/tools/zerocc.sh \
		test-force
	@mkdir -p $(@D)
	@tests/tools/zerocc.sh $(abspath $(ZERO_CC)) $@
TEST_RESULTS += $(B)/results/tool-zerocc.tap

# libc on Linux: the in-guest tests that need nothing zero-specific, linked
# with libc's objects but tests/linux/linux_sys.c for the stubs, run on
# the build host (crt0, TLS, stdio and malloc for real, before zero can).
LINUX_TESTS := t_string t_printf t_malloc t_setjmp t_pthread
LINUX_LIBC := $(B)/linux/libc-linux.a
$(B)/linux/enosys.S: $(SYSCALL_TBL) tests/linux/linux_sys.c tests/linux/enosys.sh
	@mkdir -p $(@D)
	$(Q)tests/linux/enosys.sh $(SYSCALL_TBL) tests/linux/linux_sys.c > $@
$(B)/linux/%.o: $(B)/linux/%.S $(ZERO_CC)
	$(Q)$(ZERO_CC) -c $< -o $@
$(B)/linux/linux_sys.o: tests/linux/linux_sys.c $(USER_PREREQS)
	@mkdir -p $(@D)
	$(call msg,CC,$<)
	$(Q)$(ZERO_CC) $(UCFLAGS) $(LIBC_CFLAGS) -c $< -o $@
$(LINUX_LIBC): $(filter-out $(B)/user/lib/syscalls.o,$(LIBC_OBJS)) $(B)/linux/linux_sys.o \
		$(B)/linux/enosys.o
	$(call msg,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^
$(patsubst %,$(B)/linux/%,$(LINUX_TESTS)): $(B)/linux/%: $(B)/user/tests/%.o $(LINUX_LIBC) \
		$(SYSROOT)/lib/crt0.o $(SYSROOT)/lib/zero.ld
	$(call msg,LINK,$@)
	$(Q)$(CC) -static -nostdlib -no-pie -Wl,-T,$(SYSROOT)/lib/zero.ld -Wl,-z,separate-code -Wl,--build-id=none \
		$(SYSROOT)/lib/crt0.o $< $(LINUX_LIBC) -lgcc -o $@
$(B)/results/linux-libc.tap: $(patsubst %,$(B)/linux/%,$(LINUX_TESTS)) tests/linux/run.sh test-force
	@mkdir -p $(@D)
	@tests/linux/run.sh $@ $(patsubst %,$(B)/linux/%,$(LINUX_TESTS))
TEST_RESULTS += $(B)/results/linux-libc.tap

# The arch contract: every arch implements every contract function.
$(B)/results/tool-archcheck.tap: tools/archcheck.sh $(B)/zero.elf $(HOST_ARCH_LIB) test-force
	@mkdir -p $(@D)
	@tools/archcheck.sh $@ $(B)/kernel/core/arch/$(ARCH) $(HOST_ARCH_LIB)
TEST_RESULTS += $(B)/results/tool-archcheck.tap

# gdb on a module, as `make debug` sets it up (QEMU's gdb stub + tools/gdb/zero.py).
$(B)/results/tool-gdb.tap: $(ISO_DIR)/boot/zero.elf $(ISO_DIR)/boot/initrd.cpio $(ISO_MODS) tools/gdb/zero.py \
		tests/tools/gdb_modules.sh test-force
	@tests/tools/gdb_modules.sh $@
TEST_RESULTS += $(B)/results/tool-gdb.tap

# Golden output: the tools against GNU coreutils on the same inputs, one
# boot for all the cases (tests/golden/run.sh, doc/testing.md). The runner
# is built for the host too, to run the same cases on the host's tools.
$(B)/tests/golden-host: user/tests/golden.c
	@mkdir -p $(@D)
	$(call msg,HOSTCC,$<)
	$(Q)$(HOSTCC) -std=gnu11 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -o $@ $<
$(B)/results/golden.tap: $(B)/tests/golden-host $(QEMU_TEST_INPUTS) tools/mktestiso.sh \
		tests/golden/run.sh tests/golden/mktree.sh $(wildcard tests/golden/*.cases) test-force
	@B=$(B) tests/golden/run.sh $(B)/tests/golden-host $@
TEST_RESULTS += $(B)/results/golden.tap

# The power-cut test (tests/crash/powercut.sh, doc/storage.md): POWERCUT_CUTS
# cuts of the power under a file-system workload in `make test`, N (default
# 1000) in `make crashtest`; each cut is followed by a replaying boot, e2fsck
# -fn on the host and a check of every fsynced file.
POWERCUT_CUTS ?= 50
$(B)/tests/fscrash_gen: tests/crash/fscrash_gen.c user/tests/fscrash_gen.h
	@mkdir -p $(@D)
	$(call msg,HOSTCC,$<)
	$(Q)$(HOSTCC) -std=gnu11 -O2 -Wall -Wextra -Werror -o $@ $<
POWERCUT_INPUTS := $(B)/tests/fscrash_gen $(QEMU_TEST_INPUTS) tools/mktestiso.sh tests/crash/powercut.sh
$(B)/results/powercut.tap: $(POWERCUT_INPUTS) test-force
	@B=$(B) tests/crash/powercut.sh $(POWERCUT_CUTS) $@
TEST_RESULTS += $(B)/results/powercut.tap
crashtest: N ?= 1000
crashtest: $(POWERCUT_INPUTS)
	@B=$(B) tests/crash/powercut.sh $(N) $(B)/results/crashtest.tap
	@tests/summary.sh $(B)/results/crashtest.tap
.PHONY: crashtest

# Last, after every tier has added its results.
test: $(TEST_RESULTS)
	@tests/summary.sh $(TEST_RESULTS)
