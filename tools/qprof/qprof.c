/*
 * qprof: a QEMU TCG plugin that counts the guest instructions each
 * translation block executes, for tools/qprof/qprof.sh (a profile of a
 * benchmark by function, exact under -icount shift=0 like the benchmarks).
 *
 * It uses QEMU's documented plugin interface (API version 1, QEMU 4.2 and
 * later): the few entry points it needs are declared here, not taken from
 * QEMU's header. Each translated block gets a record {address, number of
 * instructions, executions} and an inline add of 1 to its count on every
 * execution; at exit the records go to the file named by the argument
 * out=FILE as "address instructions executions" lines (blocks translated
 * more than once appear more than once; the reader adds them).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_info;

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

enum { QPROF_INLINE_ADD_U64 = 0 };

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
					   void (*cb)(qemu_plugin_id_t, struct qemu_plugin_tb *));
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb, int op, void *ptr,
					      uint64_t imm);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, void (*cb)(qemu_plugin_id_t, void *),
				    void *userdata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);

struct qprof_block {
	uint64_t vaddr;
	uint64_t insns;
	uint64_t count;
};

#define QPROF_CHUNK 65536

struct qprof_chunk {
	struct qprof_chunk *next;
	unsigned used;
	struct qprof_block b[QPROF_CHUNK];
};

static struct qprof_chunk *qprof_chunks;
static const char *qprof_out = "qprof.out";

static struct qprof_block *qprof_new(void)
{
	if (qprof_chunks == NULL || qprof_chunks->used == QPROF_CHUNK) {
		struct qprof_chunk *c = calloc(1, sizeof(*c));

		if (c == NULL)
			abort();
		c->next = qprof_chunks;
		qprof_chunks = c;
	}
	return &qprof_chunks->b[qprof_chunks->used++];
}

static void qprof_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	struct qprof_block *b = qprof_new();

	(void)id;
	b->vaddr = qemu_plugin_tb_vaddr(tb);
	b->insns = qemu_plugin_tb_n_insns(tb);
	qemu_plugin_register_vcpu_tb_exec_inline(tb, QPROF_INLINE_ADD_U64, &b->count, 1);
}

static void qprof_exit(qemu_plugin_id_t id, void *arg)
{
	FILE *f = fopen(qprof_out, "w");

	(void)id;
	(void)arg;
	if (f == NULL) {
		perror(qprof_out);
		return;
	}
	for (struct qprof_chunk *c = qprof_chunks; c; c = c->next)
		for (unsigned i = 0; i < c->used; i++)
			if (c->b[i].count)
				fprintf(f, "%llx %llu %llu\n", (unsigned long long)c->b[i].vaddr,
					(unsigned long long)c->b[i].insns,
					(unsigned long long)c->b[i].count);
	fclose(f);
}

__attribute__((visibility("default"))) int
qemu_plugin_install(qemu_plugin_id_t id, const struct qemu_info *info, int argc, char **argv)
{
	(void)info;
	for (int i = 0; i < argc; i++)
		if (strncmp(argv[i], "out=", 4) == 0)
			qprof_out = argv[i] + 4;
	qemu_plugin_register_vcpu_tb_trans_cb(id, qprof_trans);
	qemu_plugin_register_atexit_cb(id, qprof_exit, NULL);
	return 0;
}
