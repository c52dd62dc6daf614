import { systemClock, type Clock, type ClockTimer } from './clock'

/** Tasks run per turn of the event loop: a tick over hundreds of boards must not stall the relay. */
const TASKS_PER_TURN = 16

/**
 * Runs each requested task once, at most `delayMs` after it was first requested, on one timer shared
 * by every requester. Hundreds of boards each arming their own timer for every edit cost a timer
 * allocation and a timer-list insertion per edit; one shared tick costs one per interval. A tick runs
 * its tasks a few per turn of the event loop, so that messages keep flowing between them.
 */
export class BatchTimer {
  private due = new Set<() => void>()
  /** The tasks of the tick under way, a few per turn; a task taken back meanwhile is skipped. */
  private running = new Set<() => void>()
  private timer: ClockTimer | null = null

  constructor(
    private readonly delayMs: number,
    /** Whether a pending tick may keep the process alive (false for caches that can be rebuilt). */
    private readonly keepsProcessAlive = true,
    private readonly clock: Clock = systemClock
  ) {}

  /** Runs `task` at the next tick; a task already waiting is not added twice. */
  request(task: () => void): void {
    this.due.add(task)
    if (this.timer) return
    this.timer = this.clock.setTimeout(this.tick, this.delayMs)
    if (!this.keepsProcessAlive) this.timer.unref()
  }

  /** Takes `task` back (it ran some other way, or its owner closed). */
  cancel(task: () => void): void {
    this.due.delete(task)
    this.running.delete(task)
  }

  private readonly tick = (): void => {
    this.timer = null
    // Tasks of an earlier tick still under way: its chain of turns takes these along.
    const chained = this.running.size > 0
    for (const task of this.due) this.running.add(task)
    this.due.clear()
    if (!chained) this.runSome()
  }

  private readonly runSome = (): void => {
    // One failing task must not keep the others from running; the first error surfaces afterwards.
    let failure: { error: unknown } | null = null
    let n = 0
    for (const task of this.running) {
      if (n++ === TASKS_PER_TURN) break
      this.running.delete(task)
      try {
        task()
      } catch (error) {
        failure ??= { error }
      }
    }
    if (this.running.size > 0) setImmediate(this.runSome)
    if (failure) throw failure.error
  }
}
