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

/** A repeating timer made of one-shot ones, so a manual clock drives it like any other. */
export interface Repeating {
  stop(): void
}

/**
 * Runs `run` every `ms` on `clock` until stopped (at least 1 ms apart, so a manual clock's advance
 * always ends). Unref'd: a repeating chore never holds the process open.
 */
export function every(clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>, ms: number, run: () => void): Repeating {
  const period = Math.max(1, ms)
  let timer: ClockTimer | null = null
  let stopped = false
  const arm = () => {
    timer = clock.setTimeout(() => {
      if (stopped) return
      // Armed again first: a chore that throws still runs next time.
      arm()
      run()
    }, period)
    timer.unref()
  }
  arm()
  return {
    stop() {
      stopped = true
      if (timer) clock.clearTimeout(timer)
    }
  }
}
