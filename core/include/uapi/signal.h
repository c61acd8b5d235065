/**
 * @file uapi/signal.h
 * @brief Signal numbers and the sigop() interface, shared with user space.
 * @ingroup uapi
 *
 * sigop(cmd, parm, arg) is the Zero book's signal call (section 6.2.9);
 * libc builds sigaction(), sigprocmask(), kill(), raise(), pause(),
 * sigsuspend() and sigaltstack() on it. The numbers are the Linux x86-64
 * ones.
 */
#ifndef UAPI_SIGNAL_H_
#define UAPI_SIGNAL_H_

#include <stdint.h>

#define SIGHUP	 1  /**< Hangup. */
#define SIGINT	 2  /**< Interrupt (^C). */
#define SIGQUIT	 3  /**< Quit (^\\). */
#define SIGILL	 4  /**< Illegal instruction. */
#define SIGTRAP	 5  /**< Breakpoint. */
#define SIGABRT	 6  /**< abort(). */
#define SIGBUS	 7  /**< Bus error (misaligned or beyond an object). */
#define SIGFPE	 8  /**< Arithmetic exception (divide by zero). */
#define SIGKILL	 9  /**< Kill: cannot be caught, blocked or ignored. */
#define SIGUSR1	 10 /**< User signal 1. */
#define SIGSEGV	 11 /**< Invalid memory reference. */
#define SIGUSR2	 12 /**< User signal 2. */
#define SIGPIPE	 13 /**< Write to a pipe with no reader. */
#define SIGALRM	 14 /**< alarm() expired. */
#define SIGTERM	 15 /**< Termination request. */
#define SIGCHLD	 17 /**< A child stopped or exited. */
#define SIGCONT	 18 /**< Continue if stopped. */
#define SIGSTOP	 19 /**< Stop: cannot be caught, blocked or ignored. */
#define SIGTSTP	 20 /**< Stop from the terminal (^Z). */
#define SIGTTIN	 21 /**< Background read from the terminal. */
#define SIGTTOU	 22 /**< Background write to the terminal. */
#define SIGWINCH 28 /**< Window size changed. */
#define NSIG	 32 /**< One more than the highest signal number. */

#define SIG_DFL_HANDLER 0 /**< sigaction handler value: the default action. */
#define SIG_IGN_HANDLER 1 /**< sigaction handler value: ignore. */

#define SA_SIGINFO   0x00000004 /**< Handler takes (sig, info, context). */
#define SA_ONSTACK   0x08000000 /**< Run on the alternate stack. */
#define SA_NOCLDSTOP 0x00000001 /**< SIGCHLD only for children that end, not stop or continue. */
#define SA_RESTART                                                                                 \
	0x10000000 /**< Restart calls the handler interrupted (not sleeps or waits for signals).   \
		    */
#define SA_NODEFER   0x40000000 /**< Do not block the signal in its handler. */
#define SA_RESETHAND 0x80000000 /**< Reset to the default action on delivery. */

/** sigop() commands (the Zero book's table, with the POSIX needs beside). */
enum sigop_cmd {
	SIG_WAIT = 0, /**< pause(): sleep until a signal is handled. */
	SIG_SETFUNC =
	    1, /**< parm = signal, arg = struct sigarg *: set (and read back) its action. */
	SIG_SETMASK =
	    2, /**< parm = SIG_BLOCK/UNBLOCK/SETMASK, arg = struct sigmask *: change the mask. */
	SIG_SEND = 3,	 /**< parm = signal: send it to the caller (raise()). */
	SIG_SETSTK = 4,	 /**< arg = struct sigstk * (in and out): the alternate stack. */
	SIG_SUSPEND = 5, /**< arg = uint64_t * mask: sigsuspend(). */
	SIG_PENDING = 6, /**< arg = uint64_t *: read the pending set. */
	SIG_ALARM = 7,	 /**< parm = seconds: alarm(); returns the seconds left of the old one. */
};

#define SIG_BLOCK	0 /**< SIG_SETMASK how: add to the mask. */
#define SIG_UNBLOCK	1 /**< SIG_SETMASK how: remove from the mask. */
#define SIG_SETMASK_SET 2 /**< SIG_SETMASK how: replace the mask. */

/** A signal's action, in and out of SIG_SETFUNC (handler UINT64_MAX: only read it back). */
struct sigarg {
	uint64_t handler;     /**< SIG_DFL_HANDLER, SIG_IGN_HANDLER or a function address. */
	uint64_t flags;	      /**< SA_* bits. */
	uint64_t mask;	      /**< Signals blocked while the handler runs (bit n-1 for signal n). */
	uint64_t restorer;    /**< Address the handler returns to (libc's sigreturn trampoline). */
	uint64_t old_handler; /**< Out: the previous handler. */
	uint64_t old_flags;   /**< Out: the previous flags. */
	uint64_t old_mask;    /**< Out: the previous mask. */
};

/** In and out of SIG_SETMASK. */
struct sigmask {
	uint64_t set; /**< The signals to block, unblock or set. */
	uint64_t old; /**< Out: the mask before. */
};

/** An alternate signal stack (SIG_SETSTK; flags UINT64_MAX: only read it back). */
struct sigstk {
	uint64_t sp;	    /**< Lowest address of the stack. */
	uint64_t size;	    /**< Its size in bytes. */
	uint64_t flags;	    /**< SS_DISABLE to turn it off; out: SS_ONSTACK when on it. */
	uint64_t old_sp;    /**< Out: the previous stack. */
	uint64_t old_size;  /**< Out: its size. */
	uint64_t old_flags; /**< Out: its flags. */
};

#define SS_ONSTACK 1 /**< sigstk flag: the thread runs on it now. */
#define SS_DISABLE 2 /**< sigstk flag: no alternate stack. */

/** What a handler taking three arguments gets as its second. */
struct siginfo {
	int32_t si_signo; /**< Signal number. */
	int32_t si_errno; /**< 0. */
	int32_t si_code;  /**< 0 sent by a process, 1 from a fault. */
	int32_t si_pid;	  /**< Sender's pid (0 for the kernel). */
	uint64_t si_addr; /**< Faulting address, for SIGSEGV/SIGBUS/SIGILL/SIGFPE. */
};

#endif /* UAPI_SIGNAL_H_ */
