import { ObservableV2 } from 'lib0/observable'
import { describe, expect, it } from 'vitest'
import { DEFAULT_BACKOFF, jitteredBackoffMs, useJitteredReconnect } from '../../shared/reconnect-backoff'
import { prng } from '../support/prng'

describe('jittered reconnect backoff', () => {
  it('stays inside [0, min(cap, base·2^attempt)) and reaches both ends of the window', () => {
    const random = prng(7)
    const policy = { baseMs: 100, capMs: 5000 }
    for (let attempt = 1; attempt <= 12; attempt++) {
      const window = Math.min(policy.capMs, policy.baseMs * 2 ** attempt)
      const delays = Array.from({ length: 2000 }, () => jitteredBackoffMs(attempt, policy, random))
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(0)
      expect(Math.max(...delays)).toBeLessThan(window)
      // Full jitter: spread over the whole window, not bunched at its end like plain exponential backoff.
      expect(Math.min(...delays)).toBeLessThan(window * 0.05)
      expect(Math.max(...delays)).toBeGreaterThan(window * 0.95)
    }
  })

  it('is capped for any attempt count, including absurd ones', () => {
    expect(jitteredBackoffMs(10_000, DEFAULT_BACKOFF, () => 0.999999)).toBeLessThan(DEFAULT_BACKOFF.capMs)
    expect(jitteredBackoffMs(0, DEFAULT_BACKOFF, () => 0.999999)).toBeLessThan(200)
    expect(jitteredBackoffMs(Number.NaN, DEFAULT_BACKOFF, () => 0.5)).toBe(100)
  })

  it('spreads 500 clients that lost the server together: no 100 ms slot holds more than a tenth of them', () => {
    const random = prng(42)
    const slots = new Map<number, number>()
    for (let i = 0; i < 500; i++) {
      const d = jitteredBackoffMs(5, DEFAULT_BACKOFF, random)
      slots.set(Math.floor(d / 100), (slots.get(Math.floor(d / 100)) ?? 0) + 1)
    }
    expect(Math.max(...slots.values())).toBeLessThan(50)
  })

  it('sets the provider’s maxBackoffTime from the attempt count at each close', () => {
    class FakeProvider extends ObservableV2<{ 'connection-close': () => void }> {
      wsUnsuccessfulReconnects = 0
      maxBackoffTime = 2500
    }
    const provider = new FakeProvider()
    const stop = useJitteredReconnect(provider, { baseMs: 100, capMs: 5000 }, () => 0.5)
    for (let n = 0; n < 8; n++) {
      provider.wsUnsuccessfulReconnects = n
      provider.emit('connection-close', [])
      // The provider then waits min(2^(n+1)·100, maxBackoffTime): our delay is always the smaller.
      expect(provider.maxBackoffTime).toBe(Math.floor(0.5 * Math.min(5000, 100 * 2 ** (n + 1))))
      expect(provider.maxBackoffTime).toBeLessThanOrEqual(100 * 2 ** (n + 1))
    }
    stop()
    provider.wsUnsuccessfulReconnects = 3
    provider.emit('connection-close', [])
    expect(provider.maxBackoffTime).toBe(Math.floor(0.5 * Math.min(5000, 100 * 2 ** 8)))
    expect(() => useJitteredReconnect(provider, { baseMs: 200, capMs: 5000 })).toThrow(RangeError)
  })
})
