/**
 * Time as the sync core reads it: the moment now, and waiting a while (a board left idle is unloaded
 * after `idleUnloadMs`). The sync core imports nothing of the service, so this is its own port; the
 * composition root (start-server.ts) hands in the service's clock, which fits it as it is, and a test
 * hands in a manual one (test/support/manual-clock.ts) and moves it on instead of sleeping.
 */
export interface SyncClock {
  /** Milliseconds since the epoch, as Date.now(). */
  now(): number
  /** Runs `run` once, `ms` from now. */
  setTimeout(run: () => void, ms: number): SyncTimer
  clearTimeout(timer: SyncTimer): void
}

/** A waiting timer; `unref` lets the process exit while it waits. */
export interface SyncTimer {
  unref(): unknown
}
