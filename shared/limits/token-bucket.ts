/**
 * A token bucket: bursts up to `capacity`, sustained `perSecond`. People edit in bursts (a drag sends
 * dozens of moves), so the burst is generous while a flood still runs dry within a second or two.
 */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now: number
  ) {
    this.tokens = capacity
    this.last = now
  }

  take(cost: number, now: number): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond)
    this.last = now
    if (this.tokens < cost) return false
    this.tokens -= cost
    return true
  }
}
