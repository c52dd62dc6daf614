/**
 * Time as the service's policy reads it: the moment now, and waiting a while. The service runs on
 * the system clock; tests give a manual one (test/support/manual-clock.ts) and move it on, instead
 * of sleeping through rate-limit windows, token expiry, session gaps and batch delays.
 */
export interface Clock {
  /** Milliseconds since the epoch, as Date.now(). */
  now(): number
  /** Runs `run` once, `ms` from now. */
  setTimeout(run: () => void, ms: number): ClockTimer
  clearTimeout(timer: ClockTimer): void
}

/** A waiting timer; `unref` lets the process exit while it waits (a no-op on a manual clock). */
export interface ClockTimer {
  unref(): unknown
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout)
}
