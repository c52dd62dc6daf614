import { TokenBucket } from '../../shared/limits/token-bucket'

export interface IpLimitOptions {
  /** Requests in a burst from one address. */
  burst: number
  /** Sustained requests per second from one address. */
  perSecond: number
  /** Whether loopback addresses are limited too (tests; a proxy on the same host would otherwise be). */
  limitLoopback: boolean
}

const LOOPBACK = /^(?:127\.|::1$|::ffff:127\.)/
const SWEEP_EVERY_MS = 60_000

/**
 * A token bucket per remote address, so one address cannot open connections (or join) faster than
 * people do. Buckets that have refilled are forgotten, so the map holds only recent addresses.
 */
export class IpLimiter {
  private readonly buckets = new Map<string, { bucket: TokenBucket; last: number }>()
  private lastSweep = 0

  constructor(private readonly options: IpLimitOptions) {}

  /** Takes one token for `address`; false when it has run dry (refuse, and tell it to retry later). */
  take(address: string | undefined, now: number): boolean {
    const key = address || 'unknown'
    if (!this.options.limitLoopback && LOOPBACK.test(key)) return true
    this.sweep(now)
    let entry = this.buckets.get(key)
    if (!entry) this.buckets.set(key, (entry = { bucket: new TokenBucket(this.options.burst, this.options.perSecond, now), last: now }))
    entry.last = now
    return entry.bucket.take(1, now)
  }

  /** Seconds until one more token is there: what `Retry-After` says. */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(1 / this.options.perSecond))
  }

  get size(): number {
    return this.buckets.size
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return
    this.lastSweep = now
    const refillMs = (this.options.burst / this.options.perSecond) * 1000
    for (const [key, entry] of this.buckets) if (now - entry.last >= refillMs) this.buckets.delete(key)
  }
}
