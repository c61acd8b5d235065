/**
 * @file tmr/callout.h
 * @brief Callouts: functions called when a tick deadline passes, on a timing wheel.
 * @ingroup tmr
 *
 * Private to the `tmr` module. A callout is a caller-owned record naming a
 * function, its argument and a deadline in ticks; the wheel calls the
 * function from callout_advance() once the wheel's time reaches the
 * deadline. The wheel never allocates and never frees: it only links the
 * records it is given, so arming cannot fail for lack of memory.
 *
 * The wheel is a single-level hashed timing wheel (Varghese and Lauck 1987,
 * scheme 5): CALLOUT_SLOTS lists, a callout hanging on the list of its
 * deadline modulo CALLOUT_SLOTS. Each list is kept sorted by deadline, ties
 * in arming order, so:
 * - callouts fire in exact deadline order, ties in arming order, with no
 *   cascading between levels (a hierarchical wheel moves callouts between
 *   levels and has to work to keep ties in order);
 * - a slot's head is its earliest deadline, so finding the next deadline
 *   is a scan of at most CALLOUT_SLOTS heads, whatever the number of
 *   callouts: callout_advance() skips empty stretches of time in
 *   O(CALLOUT_SLOTS) instead of walking tick by tick, and callout_next()
 *   (for a tickless idle loop) costs the same;
 * - cancelling is O(1) (doubly linked lists); arming is O(1) plus the walk
 *   past earlier deadlines of the same slot, which holds on average
 *   count / CALLOUT_SLOTS callouts (deadlines beyond one turn of the wheel).
 * At HZ=250 one turn is about a second, longer than most kernel timeouts.
 *
 * Time. The wheel has a current tick, @c now: every deadline up to it has
 * fired. A callout armed for a deadline at or before @c now is @e overdue:
 * it fires at the very next callout_advance(), even one that does not move
 * time, before the callouts of later ticks. While a callback runs, @c now
 * reads the tick being fired (the old tick for overdue callouts).
 *
 * Periodic callouts are re-armed at when + period just before their
 * function is called, so the function sees the next deadline in @c when
 * and may cancel or re-arm its own callout. A periodic callout fires at
 * most once per callout_advance(): if the call jumps past several of its
 * deadlines, the missed ones are skipped (no burst), the next deadline is
 * the first one after the target time, in phase with the old ones, and
 * @c overrun says how many were skipped. A deadline that would pass
 * UINT64_MAX ends the callout instead (it fires one last time, unarmed).
 *
 * Callbacks run inside callout_advance() and may arm or cancel any
 * callout, their own included. A callout they arm for a tick at or before
 * the one firing is overdue and fires at the next callout_advance(), so a
 * callback re-arming itself "now" cannot loop. Callbacks must not call
 * callout_advance() (it returns 0 if they do) nor callout_wheel_init().
 *
 * The wheel has no lock: its owner serialises every call (the tick
 * interrupt with interrupts masked, or one lock around the wheel).
 */
#ifndef TMR_CALLOUT_H_
#define TMR_CALLOUT_H_

#include <stdint.h>

#include <kern/list.h>

/** Slots of the wheel: one turn, in ticks (a power of two). */
#define CALLOUT_SLOTS 256u

/**
 * One timer. The caller owns the memory: zero it before its first
 * callout_arm() (which reads @c armed), and do not move or free it while
 * @c armed. Read-only for everyone but callout.c while armed.
 */
struct callout {
	uint64_t when;	  /**< Deadline, in ticks (for periodic ones: the next). */
	uint64_t period;  /**< Ticks between deadlines, or 0 for a one-shot. */
	uint64_t overrun; /**< Deadlines skipped at the last periodic re-arm. */
	/**
	 * @brief Function called when the deadline passes.
	 * @param c the callout that fired; owned by the caller, may be re-armed.
	 * @param arg the callout's @c arg.
	 */
	void (*fn)(struct callout *c, void *arg);
	void *arg;	       /**< Argument handed to @c fn, not owned. */
	struct list_node link; /**< Link on a slot, the overdue list (callout.c only). */
	int armed;	       /**< 1 from callout_arm() to firing or cancel, else 0. */
};

/** A timing wheel; set it up with callout_wheel_init(). */
struct callout_wheel {
	struct list_node slot[CALLOUT_SLOTS]; /**< Callouts due after now, by when % slots. */
	struct list_node due; /**< Overdue callouts (when <= now), sorted by when. */
	uint64_t now;	      /**< Current tick: every deadline up to it has fired. */
	unsigned count;	      /**< Number of armed callouts. */
	int advancing;	      /**< 1 while callout_advance() runs (nesting guard). */
};

/**
 * @brief Set up an empty wheel whose current tick is @p now.
 * @param w the wheel; its previous contents are forgotten, so cancel every
 *        callout armed on it first (an armed callout stays linked to it).
 * @param now the current tick.
 */
void callout_wheel_init(struct callout_wheel *w, uint64_t now);

/**
 * @brief Arm (or move) callout @p c to call @p fn(@p c, @p arg) at tick @p when.
 *
 * If @p c is armed already it is first taken off the wheel, so re-arming
 * moves it and counts as a new arming for the order of ties. A deadline at
 * or before the wheel's current tick fires at the next callout_advance().
 * @param w the wheel.
 * @param c the callout, owned by the caller; must not be armed on another
 *        wheel. Its fields are overwritten.
 * @param when deadline, in ticks (absolute, on the wheel's clock).
 * @param period ticks between deadlines for a periodic callout, or 0 for a one-shot.
 * @param fn function to call; must not be NULL.
 * @param arg argument for @p fn, not owned; may be NULL.
 * @retval 0 armed.
 * @retval -EINVAL @p fn is NULL (@p c is left as it was).
 */
int callout_arm(struct callout_wheel *w, struct callout *c, uint64_t when, uint64_t period,
		void (*fn)(struct callout *c, void *arg), void *arg);

/**
 * @brief Take callout @p c off the wheel if it is armed, so that it does not fire.
 * @param w the wheel @p c was armed on.
 * @param c the callout; an unarmed one is left alone.
 * @retval 1 @p c was armed and is now cancelled.
 * @retval 0 @p c was not armed (it fired already, or was never armed).
 */
int callout_cancel(struct callout_wheel *w, struct callout *c);

/**
 * @brief Move the wheel's time to @p now, firing every callout that falls due.
 *
 * Overdue callouts fire first, then those with deadlines up to @p now, in
 * deadline order, ties in arming order. The time taken does not grow with
 * the length of the jump: empty stretches are skipped at a cost of
 * O(CALLOUT_SLOTS) each. A @p now before the wheel's current tick does not
 * move time back (only overdue callouts fire).
 * @param w the wheel.
 * @param now the new current tick.
 * @return the number of callback calls made (0 if called from a callback).
 */
unsigned callout_advance(struct callout_wheel *w, uint64_t now);

/**
 * @brief Find the earliest deadline of the armed callouts, in O(CALLOUT_SLOTS).
 * @param w the wheel.
 * @return that deadline in ticks (at or before the current tick if one is
 *         overdue), or UINT64_MAX when no callout is armed.
 */
uint64_t callout_next(const struct callout_wheel *w);

/**
 * @brief Count the armed callouts.
 * @param w the wheel.
 * @return the number of armed callouts.
 */
unsigned callout_count(const struct callout_wheel *w);

#endif /* TMR_CALLOUT_H_ */
