/*
 * The synchronous forms of the block-device switch: blkdev_rw_runs() cuts
 * ranges of sectors given as segments into requests the disk accepts
 * (max_count sectors, max_segs segments, never two ranges in one),
 * submits up to BLKDEV_RW_INFLIGHT of them at once (a wave), and sleeps
 * until the wave is over; blkdev_rwv() is its one-range form, blkdev_rw()
 * the one-segment form of that, blkdev_flush() a cache flush. A transfer that fits in
 * one request takes no memory: its request is on the caller's stack.
 *
 * The completions (maybe interrupt handlers) only count down the wave's
 * requests and wake the waiter; the waiter logs each failed request.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <kern/blkdev.h>
#include <kern/kmod.h>
#include <kern/mem.h>
#include <kern/printk.h>
#include <kern/thr.h>
#include <uapi/errno.h>

/* A sleeping waiter re-checks this often, so a wakeup lost between CPUs only delays it. */
#define BLKDEV_RECHECK_NS 10000000ULL
/* Most segments of one request that blkdev_rwv() builds. */
#define BLKDEV_PIECE_SEGS 32

struct blkdev_wave {
	unsigned left; /* requests submitted and not done (atomic) */
};

struct blkdev_piece {
	struct blkreq r;
	uint64_t sector; /* the request's first sector, relative to the caller's device */
	struct blkseg seg[BLKDEV_PIECE_SEGS];
};

/* Where blkdev_rw_runs() is in the caller's runs and their segments. */
struct blkdev_cursor {
	const struct blkdev_run *run;
	unsigned nrun, r; /* runs, the current one */
	unsigned i;	  /* segment of the current run */
	uint32_t off;	  /* bytes of that segment already taken */
	uint64_t sector;  /* the current run's next sector */
};

static void blkdev_wave_done(struct blkreq *r)
{
	struct blkdev_wave *w = r->priv;

	if (__atomic_sub_fetch(&w->left, 1, __ATOMIC_ACQ_REL) == 0)
		thr_wakeup(w);
}

static void blkdev_wave_wait(struct blkdev_wave *w)
{
	uint64_t flags = arch_irq_save();

	while (__atomic_load_n(&w->left, __ATOMIC_ACQUIRE) != 0)
		thr_sleep(w, BLKDEV_RECHECK_NS);
	arch_irq_restore(flags);
}

static void blkdev_log(const struct blkdev *bd, int write, uint64_t sector, uint32_t count)
{
	if (write == BLKREQ_FLUSH)
		pr_err("blkdev: %s: cache flush failed\n", bd->name);
	else
		pr_err("blkdev: %s: %s error at sector %llu (%u sectors)\n", bd->name,
		       write ? "write" : "read", (unsigned long long)sector, count);
}

/* Start one request of the wave; a refused one counts as done, with its error. */
static void blkdev_wave_submit(struct blkdev *bd, struct blkdev_wave *w, struct blkreq *r)
{
	int rc;

	r->done = blkdev_wave_done;
	r->priv = w;
	__atomic_add_fetch(&w->left, 1, __ATOMIC_ACQ_REL);
	rc = blkdev_submit(bd, r);
	if (rc != 0) {
		r->status = rc == -EINVAL ? rc : -EIO;
		__atomic_sub_fetch(&w->left, 1, __ATOMIC_ACQ_REL);
	}
}

/* The error of a finished request, logged: 0, -EIO or -EINVAL. */
static int blkdev_req_status(struct blkdev *bd, const struct blkreq *r, uint64_t sector)
{
	if (r->status == 0)
		return 0;
	if (r->status != -EINVAL)
		blkdev_log(bd, r->write, sector, r->count);
	return r->status == -EINVAL ? -EINVAL : -EIO;
}

/* One request, waited for: a flush, or a transfer the disk takes whole. */
static int blkdev_rw_one(struct blkdev *bd, uint64_t sector, const struct blkseg *seg,
			 unsigned nseg, uint32_t count, int write)
{
	struct blkdev_wave w = { 0 };
	struct blkreq r = { .sector = sector, .count = count, .write = write };

	r.seg = seg;
	r.nseg = nseg;
	blkdev_wave_submit(bd, &w, &r);
	blkdev_wave_wait(&w);
	return blkdev_req_status(bd, &r, sector);
}

int blkdev_flush(struct blkdev *bd)
{
	struct blkdev *disk = bd->parent ? bd->parent : bd;
	int rc;

	if (!(disk->flags & BLKDEV_F_FLUSH))
		return 0;
	rc = blkdev_rw_one(disk, 0, NULL, 0, 0, BLKREQ_FLUSH);
	if (rc == 0)
		__atomic_add_fetch(&disk->flushes, 1, __ATOMIC_RELAXED);
	return rc;
}
KERN_EXPORT(blkdev_flush);

/* Cut the next request off the cursor's run: at most @p max_sec sectors
 * and @p max_seg segments; a request never spans two runs. */
static void blkdev_cut(struct blkdev_cursor *c, struct blkdev_piece *p, uint32_t max_sec,
		       unsigned max_seg, uint32_t ss)
{
	const struct blkdev_run *run = &c->run[c->r];
	uint64_t bytes = 0, cap = (uint64_t)max_sec * ss;
	unsigned n = 0;

	p->sector = c->sector;
	while (c->i < run->nseg && n < max_seg && bytes < cap) {
		uint64_t take = run->seg[c->i].len - c->off;

		if (take > cap - bytes)
			take = cap - bytes;
		p->seg[n].buf = (char *)run->seg[c->i].buf + c->off;
		p->seg[n].len = (uint32_t)take;
		n++;
		bytes += take;
		c->off += (uint32_t)take;
		if (c->off == run->seg[c->i].len) {
			c->i++;
			c->off = 0;
		}
	}
	p->r.seg = p->seg;
	p->r.nseg = n;
	p->r.count = (uint32_t)(bytes / ss);
	c->sector += p->r.count;
	if (c->i == run->nseg && ++c->r < c->nrun) { /* the next run */
		c->i = 0;
		c->sector = c->run[c->r].sector;
	}
}

/* The transfer in waves of up to @p inflight requests (@p pieces holds them). */
static int blkdev_rw_waves(struct blkdev *bd, struct blkdev_cursor *c, struct blkdev_piece *pieces,
			   unsigned inflight, int write)
{
	struct blkdev *disk = bd->parent ? bd->parent : bd;
	uint32_t max_sec = disk->max_count ? disk->max_count : UINT32_MAX / disk->sector_size;
	unsigned max_seg = disk->max_segs > 1 ? disk->max_segs : 1;
	int rc = 0;

	if (max_seg > BLKDEV_PIECE_SEGS)
		max_seg = BLKDEV_PIECE_SEGS;
	while (rc == 0 && c->r < c->nrun) {
		struct blkdev_wave w = { 0 };
		unsigned n = 0;

		for (; n < inflight && c->r < c->nrun; n++) {
			struct blkdev_piece *p = &pieces[n];

			p->r = (struct blkreq){ .write = write };
			blkdev_cut(c, p, max_sec, max_seg, bd->sector_size);
			p->r.sector = p->sector;
			blkdev_wave_submit(bd, &w, &p->r);
		}
		blkdev_wave_wait(&w);
		for (unsigned i = 0; i < n; i++) {
			int e = blkdev_req_status(bd, &pieces[i].r, pieces[i].sector);

			if (rc == 0 || e == -EINVAL)
				rc = e ? e : rc;
		}
	}
	return rc;
}

/* Check a run against the device; its sectors into *count. */
static int blkdev_run_ok(const struct blkdev *bd, const struct blkdev_run *run, uint64_t *count)
{
	*count = 0;
	if (run->seg == NULL || run->nseg == 0 || bd->sector_size == 0)
		return 0;
	for (unsigned i = 0; i < run->nseg; i++) {
		if (run->seg[i].len == 0 || run->seg[i].len % bd->sector_size)
			return 0;
		*count += run->seg[i].len / bd->sector_size;
	}
	return run->sector < bd->sectors && *count <= bd->sectors - run->sector;
}

int blkdev_rw_runs(struct blkdev *bd, const struct blkdev_run *runs, unsigned nruns, int write)
{
	struct blkdev *disk = bd->parent ? bd->parent : bd;
	struct blkdev_cursor c = { .run = runs, .nrun = nruns };
	struct blkdev_piece *pieces, one;
	uint64_t count = 0;
	int rc;

	if (runs == NULL || nruns == 0)
		return -EINVAL;
	for (unsigned r = 0; r < nruns; r++)
		if (!blkdev_run_ok(bd, &runs[r], &count))
			return -EINVAL;
	if (nruns == 1 && (disk->max_count == 0 || count <= disk->max_count) &&
	    runs[0].nseg <= (disk->max_segs > 1 ? disk->max_segs : 1))
		return blkdev_rw_one(bd, runs[0].sector, runs[0].seg, runs[0].nseg, (uint32_t)count,
				     write);
	/* Short of memory (the page daemon writing back to free some): one
	 * request at a time, from the stack, rather than fail. */
	pieces = mem_alloc(BLKDEV_RW_INFLIGHT * sizeof(*pieces));
	c.sector = runs[0].sector;
	rc =
	    blkdev_rw_waves(bd, &c, pieces ? pieces : &one, pieces ? BLKDEV_RW_INFLIGHT : 1, write);
	mem_free(pieces);
	return rc;
}
KERN_EXPORT(blkdev_rw_runs);

int blkdev_rwv(struct blkdev *bd, uint64_t sector, const struct blkseg *seg, unsigned nseg,
	       int write)
{
	struct blkdev_run run = { .sector = sector, .seg = seg, .nseg = nseg };

	return blkdev_rw_runs(bd, &run, 1, write);
}
KERN_EXPORT(blkdev_rwv);

int blkdev_rw(struct blkdev *bd, uint64_t sector, void *buf, uint32_t count, int write)
{
	struct blkseg one = { .buf = buf, .len = count * bd->sector_size };

	if (count == 0)
		return 0;
	if ((uint64_t)count * bd->sector_size > UINT32_MAX) {
		while (count) { /* more than one segment holds */
			uint32_t n = count < 65536 ? count : 65536;
			int rc = blkdev_rw(bd, sector, buf, n, write);

			if (rc)
				return rc;
			sector += n;
			count -= n;
			buf = (char *)buf + (size_t)n * bd->sector_size;
		}
		return 0;
	}
	return blkdev_rwv(bd, sector, &one, 1, write);
}
KERN_EXPORT(blkdev_rw);
