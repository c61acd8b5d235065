/*
 * How user processes begin: the first one (init), made by the kernel from
 * nothing, and every other, a copy made by fork.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <arch/user.h>
#include <core/boot.h>
#include <core/cmdline.h>
#include <core/exec.h>
#include <core/fdtab.h>
#include <core/proc.h>
#include <core/proc_image.h>
#include <core/thr_priv.h>
#include <kern/assert.h>
#include <kern/io.h>
#include <kern/fmt.h>
#include <kern/printk.h>
#include <kern/string.h>
#include <kern/ipc.h>
#include <kern/vm.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/proc.h>

static const char *proc_first_path(void)
{
	const char *init = cmdline_get(boot_cmdline(), "init");

	return init && init[0] ? init : "/sbin/init";
}

/* Descriptors 0, 1 and 2 of the first process: the console, which does
 * not become its controlling terminal (O_NOCTTY). */
static int proc_console(struct proc *p)
{
	struct file *f;
	int fds[1], rc = io_open(p->cwd, "/dev/console", O_RDWR | O_NOCTTY, 0, &p->cred, &f);

	if (rc == 0)
		file_set_path(f, NULL, "/dev/console");

	for (int i = 0; rc == 0 && i < 3; i++) {
		struct file *ref = i < 2 ? file_ref(f) : f; /* the table owns one reference each */

		rc = fdtab_install(p->fds, &ref, 1, i, 0, fds);
		if (rc)
			file_unref(ref);
	}
	return rc;
}

/* Kernel words init.NAME=value become NAME=value in the first process's
 * environment (init.INITTAB=/etc/inittab.suite picks another inittab). */
static int proc_first_env(struct exec_args *a)
{
	const struct cmdline *cl = boot_cmdline();
	char var[128];
	int rc = 0;

	for (unsigned i = 0; rc == 0 && i < cl->nwords; i++) {
		const struct cmdline_word *w = &cl->words[i];

		if (strncmp(w->key, "init.", 5) != 0 || w->key[5] == '\0')
			continue;
		if (fmt_snprintf(var, sizeof(var), "%s=%s", w->key + 5, w->val) >= (int)sizeof(var))
			continue;
		rc = exec_args_add(a, var, 1);
	}
	return rc;
}

/* The first process's thread: exec the program in the kernel, then leave for it. */
static void proc_first_main(void *frame)
{
	struct proc *p = proc_current();
	const char *path = proc_first_path();
	struct exec_args a;
	int rc = exec_args_init(&a);

	if (rc == 0)
		rc = exec_args_add(&a, path, 0);
	if (rc == 0)
		rc = exec_args_add(&a, "HOME=/", 1);
	if (rc == 0)
		rc = exec_args_add(&a, "PATH=/bin:/sbin:/usr/bin", 1);
	if (rc == 0)
		rc = proc_first_env(&a);
	if (rc == 0)
		rc = exec_run(p, path, &a, frame);
	exec_args_free(&a);
	if (rc != 0) {
		pr_err("zero: cannot run the first process %s: error %d\n", path, rc);
		proc_exit(p, 127 << 8);
	}
	printk("zero: first process %s started (pid %ld)\n", path, p->pid);
	arch_user_return(frame);
}

int proc_start_first(void)
{
	struct proc *p = proc_alloc(NULL);
	int rc;

	if (p == NULL || p != proc_init_record())
		return -EAGAIN;
	p->pgid = p->sid = p->pid;
	p->umask = 022;
	p->cwd = io_root();
	if (p->cwd == NULL) {
		p->state = PROC_FREE;
		return -ENOENT;
	}
	p->fds = fdtab_create();
	rc = p->fds ? proc_console(p) : -ENOMEM;
	if (rc == 0) {
		struct thr *t = thr_create_user("init", p, NULL, proc_first_main);

		rc = t ? proc_thread_add(p, t) : -ENOMEM;
		if (rc == 0) {
			p->thr = t;
			thr_run(t);
		}
	}
	if (rc) {
		fdtab_destroy(p->fds);
		io_vrele(p->cwd);
		p->state = PROC_FREE;
	}
	return rc;
}

/* A forked child starts here, with its copy of the parent's frame. */
static void proc_child_main(void *frame)
{
	arch_user_return(frame);
}

static int proc_copy(struct proc *c, struct proc *p, long flags)
{
	c->pgid = p->pgid;
	c->sid = p->sid;
	c->ctty = p->ctty;
	c->cred = p->cred;
	c->umask = p->umask;
	c->brk_base = p->brk_base;
	c->brk = p->brk;
	c->map_base = p->map_base;
	memcpy(c->sig, p->sig, sizeof(c->sig));
	memcpy(c->name, p->name, sizeof(c->name));
	proc_info_lock(p);
	c->image = proc_image_ref(p->image);
	proc_info_unlock(p);
	c->vm_borrowed = (flags & FORK_VFORK) != 0;
	c->vm = c->vm_borrowed ? p->vm : vm_fork(p->vm);
	if (c->vm == NULL)
		return -ENOMEM;
	/* The child's space maps the parent's segments: it inherits the attachments. */
	if (!c->vm_borrowed && ipc_proc_fork(p->pid, c->pid) != 0)
		return -ENOMEM;
	c->fds = fdtab_fork(p->fds);
	if (c->fds == NULL)
		return -ENOMEM;
	io_vref(p->cwd);
	c->cwd = p->cwd;
	return 0;
}

long proc_fork(struct proc *p, long flags, const struct trap_frame *tf)
{
	struct proc *c = proc_alloc(p);
	_Alignas(16) unsigned char child_tf[512];
	struct thr *t;
	int rc;

	KASSERT(arch_trap_frame_size() <= sizeof(child_tf));
	if (c == NULL)
		return -EAGAIN;
	rc = proc_copy(c, p, flags);
	memcpy(child_tf, tf, arch_trap_frame_size());
	arch_syscall_return((struct trap_frame *)child_tf, 0);
	if (rc == 0) {
		t = thr_create_user(c->name, c, (struct trap_frame *)child_tf, proc_child_main);
		rc = t ? proc_thread_add(c, t) : -ENOMEM;
		if (rc == 0) {
			c->thr = t;
			t->tls = thr_current()->tls;
			t->sigmask = thr_current()->sigmask;
			thr_run(t);
		}
	}
	if (rc) {
		ipc_proc_exec(c->pid); /* attachments copied for it, if any */
		proc_discard(c);
		return rc;
	}
	if (flags & FORK_VFORK)
		proc_vfork_wait(c);
	return c->pid;
}
