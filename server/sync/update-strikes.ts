/** How many updates a participant may send that a board cannot apply, and what it then costs. */
export interface StrikeRules {
  strikes: number
  /** Strikes count within this window. */
  windowMs: number
  /** How long a participant that reached `strikes` stays refused. */
  banMs: number
}

/** Three within ten minutes: an honest client never sends one, a crafted one costs everyone a rebuild. */
export const INVALID_UPDATE_STRIKES: StrikeRules = { strikes: 3, windowMs: 10 * 60_000, banMs: 10 * 60_000 }

/**
 * Strikes per key (a participant on a board) and the bans they earn. Kept by the room registry, not the
 * room, so that unloading an idle board does not forgive anyone. Expired entries are dropped as it goes.
 */
export class StrikeCounter {
  private readonly strikes = new Map<string, number[]>()
  private readonly bans = new Map<string, number>()

  constructor(
    private readonly rules: StrikeRules,
    private readonly now: () => number
  ) {}

  /** Records one strike; true when it is the one that earns a ban. */
  strike(key: string): boolean {
    const now = this.now()
    this.prune(now)
    const recent = (this.strikes.get(key) ?? []).filter((t) => now - t < this.rules.windowMs)
    recent.push(now)
    if (recent.length < this.rules.strikes) {
      this.strikes.set(key, recent)
      return false
    }
    this.strikes.delete(key)
    this.bans.set(key, now + this.rules.banMs)
    return true
  }

  /** Refuses `key` from now on, for the ban's length, whatever its strikes. */
  ban(key: string): void {
    this.strikes.delete(key)
    this.bans.set(key, this.now() + this.rules.banMs)
  }

  banned(key: string): boolean {
    const until = this.bans.get(key)
    if (until === undefined) return false
    if (this.now() < until) return true
    this.bans.delete(key)
    return false
  }

  private prune(now: number): void {
    for (const [key, times] of this.strikes) if (now - times[times.length - 1]! >= this.rules.windowMs) this.strikes.delete(key)
    for (const [key, until] of this.bans) if (now >= until) this.bans.delete(key)
  }
}
