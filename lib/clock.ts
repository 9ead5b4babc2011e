/**
 * The one source of "now" for the app and the worker (design.md §2). SQL gets the
 * time as a parameter from here, never now(), so tests can move time for both.
 * Setting it is refused unless TEST_CLOCK=1.
 */

type ClockState = { fixed: Date | null; offsetMs: number };

const globalForClock = globalThis as unknown as { weideskClock?: ClockState };
const state: ClockState = (globalForClock.weideskClock ??= { fixed: null, offsetMs: 0 });

function assertSettable() {
  if (process.env.TEST_CLOCK !== "1") {
    throw new Error("The clock can only be set when TEST_CLOCK=1.");
  }
}

export const clock = {
  /** The current time: the real one, or the test's. */
  now(): Date {
    if (state.fixed) return new Date(state.fixed.getTime());
    return new Date(Date.now() + state.offsetMs);
  },
  /** Freezes time at `at` (TEST_CLOCK=1 only). */
  set(at: Date) {
    assertSettable();
    if (Number.isNaN(at.getTime())) throw new Error("clock.set needs a valid date");
    state.fixed = new Date(at.getTime());
    state.offsetMs = 0;
  },
  /** Moves time forward (or back, with a negative value) by `ms` (TEST_CLOCK=1 only). */
  advance(ms: number) {
    assertSettable();
    if (state.fixed) state.fixed = new Date(state.fixed.getTime() + ms);
    else state.offsetMs += ms;
  },
  /** Back to real time (TEST_CLOCK=1 only). */
  reset() {
    assertSettable();
    state.fixed = null;
    state.offsetMs = 0;
  },
};
