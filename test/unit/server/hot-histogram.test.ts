import { Histogram, Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { HotHistogram } from '../../../server/observability/hot-histogram'

const BOUNDS = [0.001, 0.01, 0.1, 1]

describe('HotHistogram', () => {
  it('is exposed exactly as a prom-client Histogram fed the same observations', async () => {
    const hot = new Registry()
    const reference = new Registry()
    const ours = new HotHistogram('x_seconds', 'help text', BOUNDS, hot)
    const theirs = new Histogram({ name: 'x_seconds', help: 'help text', buckets: BOUNDS, registers: [reference] })
    // On a bound, between bounds, above every bound, zero.
    for (const v of [0.001, 0.0005, 0.05, 0.1, 0.7, 3, 12, 0, 0.01]) {
      ours.observe(v)
      theirs.observe(v)
    }
    expect(await hot.metrics()).toBe(await reference.metrics())
    expect(ours.count).toBe(9)
  })

  it('ignores values that are not finite numbers rather than poisoning the sum', async () => {
    const registry = new Registry()
    const h = new HotHistogram('y_seconds', 'help', BOUNDS, registry)
    h.observe(Number.NaN)
    h.observe(Number.POSITIVE_INFINITY)
    h.observe(0.5)
    expect(h.count).toBe(1)
    expect(await registry.metrics()).toContain('y_seconds_sum 0.5')
  })

  it('starts again from zero when reset', async () => {
    const registry = new Registry()
    const h = new HotHistogram('z_seconds', 'help', BOUNDS, registry)
    h.observe(0.5)
    h.reset()
    expect(h.count).toBe(0)
    expect(await registry.metrics()).toContain('z_seconds_count 0')
  })
})
