import { describe, expect, it } from 'vitest'
import { computeProfile } from '../../../shared/metrics/profile'
import { syntheticJournal } from './synthetic-journal'

/** Not a timing test: it checks the profile of a 100,000-event journal is complete and sane. */
describe('scale', () => {
  it('scores 100,000 events', () => {
    const input = syntheticJournal(100_000)
    expect(input.events).toHaveLength(100_000)
    const p = computeProfile(input)
    for (const v of [p.balance, p.equity, p.commonGround, p.bridging, p.uptake.brand, p.uptake.customer, p.novelty]) {
      expect(v).not.toBeNull()
      expect(Number.isFinite(v)).toBe(true)
    }
    expect(p.structure.NP).toBeGreaterThan(1000)
    expect(p.structure.score).toBe(p.structure.NP + 5 * p.structure.HH + 10 * p.structure.NCL)
    expect(p.convergence.delta).not.toBeNull()
    expect(p.convergence.uptakeLatencyMedianSeconds).not.toBeNull()
  })
})
