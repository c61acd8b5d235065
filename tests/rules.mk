# Tests, three tiers (DESIGN.md section 7); `make test` runs them all and
# ends with "N passed, N failed".
#  1. host unit tests: real sources against fakes, with ASan and UBSan;
#  2. in-kernel self-tests (ktest=), run inside the QEMU boots below;
#  3. QEMU system tests: tests/qemu/*.t, one boot each.

# Host unit tests: test_<name> links tests/host/test_<name>.c with the
# sources listed in test_<name>_SRCS.
HOST_TESTS := fmt cmdline ksym mb2 bootmem printk
test_fmt_SRCS := core/kern/fmt.c
test_cmdline_SRCS := core/kern/cmdline.c
test_ksym_SRCS := core/kern/ksym.c core/kern/fmt.c
test_mb2_SRCS := core/kern/mb2.c
test_bootmem_SRCS := core/kern/bootmem.c
test_printk_SRCS := core/kern/printk.c core/kern/fmt.c core/arch/host/arch.c

define host_test_rule
$(B)/tests/test_$(1): $(B)/host/tests/host/test_$(1).o $(patsubst %.c,$(B)/host/%.o,$(test_$(1)_SRCS))
	@mkdir -p $$(@D)
	$$(call msg,LINK,$$@)
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -o $$@ $$^ $(test_$(1)_LIBS) -lcmocka
endef
$(foreach t,$(HOST_TESTS),$(eval $(call host_test_rule,$(t))))
HOST_TEST_BINS := $(patsubst %,$(B)/tests/test_%,$(HOST_TESTS))

# QEMU system tests: each tests/qemu/NAME.t boots one menu entry.
QEMU_TESTS := $(sort $(wildcard tests/qemu/*.t))
QEMU_TEST_INPUTS := $(B)/iso/boot/zero.elf $(ISO_MODS) tools/menu.txt tools/mkgrubcfg.sh \
	tools/mkiso.sh tests/qemu/run.sh

TEST_RESULTS := $(patsubst %,$(B)/results/host-%.tap,$(HOST_TESTS)) \
	$(patsubst tests/qemu/%.t,$(B)/results/qemu-%.tap,$(QEMU_TESTS))

.PHONY: test-force
$(B)/results/host-%.tap: $(B)/tests/test_% tests/run-host.sh test-force
	@tests/run-host.sh $< $@ $(test_$*_ARGS)

$(B)/results/qemu-%.tap: tests/qemu/%.t $(QEMU_TEST_INPUTS) test-force
	@tests/qemu/run.sh $< $@

test: $(TEST_RESULTS)
	@tests/summary.sh $(TEST_RESULTS)

# Benchmarks: each prints a table; nothing is asserted about speed.
BENCH_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -MMD -MP
$(B)/bench/bench_fmt: tests/bench/bench_fmt.c core/kern/fmt.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(call msg,LINK,$@)
	$(Q)$(HOSTCC) $(BENCH_CFLAGS) $(HOSTCPPFLAGS) -o $@ $^

BENCHES := $(B)/bench/bench_fmt
bench: $(BENCHES)
	@for b in $(BENCHES); do echo "== $$b"; $$b; done
