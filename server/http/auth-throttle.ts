import { isLoopbackAddress } from '../observability/prometheus-access'

export interface AuthFailureLimit {
  /** Failed token checks one address may make within `windowMs`; past them it is refused (429) until the window ends. */
  maxFailures: number
  windowMs: number
  /** Whether loopback addresses count too (a proxy on the same host is one address for everyone). */
  limitLoopback: boolean
}

/**
 * Failed token checks per address, so that nobody can guess the admin token (or a participant's) at
 * the speed of the network: an address that failed `maxFailures` times in a window is refused before
 * its token is even looked at. Windows that have ended are forgotten as it goes.
 */
export class AuthThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>()

  constructor(private readonly limit: AuthFailureLimit) {}

  /** Seconds to wait when refused (Retry-After), or 0 when `address` may try. */
  refusedFor(address: string | undefined, now: number): number {
    const entry = this.entry(address, now)
    if (!entry || entry.count < this.limit.maxFailures) return 0
    return Math.max(1, Math.ceil((entry.since + this.limit.windowMs - now) / 1000))
  }

  failed(address: string | undefined, now: number): void {
    if (!this.counts(address)) return
    const key = address ?? 'unknown'
    const entry = this.entry(address, now)
    if (entry) entry.count++
    else this.failures.set(key, { count: 1, since: now })
    if (this.failures.size > 10_000) this.sweep(now)
  }

  private counts(address: string | undefined): boolean {
    return this.limit.limitLoopback || !isLoopbackAddress(address)
  }

  private entry(address: string | undefined, now: number): { count: number; since: number } | undefined {
    if (!this.counts(address)) return undefined
    const key = address ?? 'unknown'
    const entry = this.failures.get(key)
    if (entry && now - entry.since >= this.limit.windowMs) {
      this.failures.delete(key)
      return undefined
    }
    return entry
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.failures) if (now - entry.since >= this.limit.windowMs) this.failures.delete(key)
  }
}
