import type { Clock, ClockTimer } from '../../server/clock'

interface Pending extends ClockTimer {
  at: number
  order: number
  run: () => void
}

/**
 * A clock that moves only when a test says so: `advance(ms)` runs the timers falling due, in
 * order, each seeing `now()` at its own due time. It starts at the real time rounded up to a whole
 * second, so what it stamps reads as a date like any other, and a token's expiry (whole seconds in
 * the token) falls exactly `ttlSeconds` after it was issued.
 */
export class ManualClock implements Clock {
  private time: number
  private pending: Pending[] = []
  private order = 0

  constructor(start = Math.ceil(Date.now() / 1000) * 1000) {
    this.time = start
  }

  readonly now = (): number => this.time

  readonly setTimeout = (run: () => void, ms: number): ClockTimer => {
    const timer: Pending = { at: this.time + Math.max(0, ms), order: this.order++, run, unref: () => timer }
    this.pending.push(timer)
    return timer
  }

  readonly clearTimeout = (timer: ClockTimer): void => {
    this.pending = this.pending.filter((t) => t !== timer)
  }

  /** Timers waiting (for a test to check a policy armed one, or took it back). */
  get waiting(): number {
    return this.pending.length
  }

  /**
   * Whether a timer falls due within `ms` from now: a test waits for a loop on this clock to arm its
   * next pause (the live stream's interval) before moving time on, so no move is lost to a race.
   */
  dueWithin(ms: number): boolean {
    return this.pending.some((t) => t.at <= this.time + ms)
  }

  /** Moves time on by `ms`, running each timer that falls due meanwhile (a timer may arm another). */
  advance(ms: number): void {
    const end = this.time + ms
    for (;;) {
      const next = this.pending.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.order - b.order)[0]
      if (!next) break
      this.pending = this.pending.filter((t) => t !== next)
      this.time = next.at
      next.run()
    }
    this.time = end
  }
}
