import { describe, expect, it } from 'vitest'
import type { MetricsProfile } from '../../../shared/metrics/types'
import { harvestSummary } from '../../../shared/report/harvest-summary'

const withStream = (stream: MetricsProfile['stream']) => ({ stream }) as MetricsProfile

describe('harvested vs built together', () => {
  it('says the worked example in words, with every figure', () => {
    const h = harvestSummary(withStream({ harvest: 0.5, beyond: 1 / 3, coverage: 2 / 3, harvestByGroup: { B: 0.5, U: 0.5 } }))
    expect(h.sentence).toBe('50% of the concepts were harvested from what customers had already said, and 33% of the propositions were built together beyond it.')
    expect(h.rows.map((r) => [r.key, r.value])).toEqual([
      ['stream.harvest', 0.5],
      ['stream.beyond', 1 / 3],
      ['stream.coverage', 2 / 3],
      ['stream.harvestByGroup.B', 0.5],
      ['stream.harvestByGroup.U', 0.5]
    ])
  })
  it('tells a board without a stream, and a stream without concepts or propositions', () => {
    const none = { harvest: null, beyond: null, coverage: null, harvestByGroup: { B: null, U: null } }
    expect(harvestSummary(withStream(none)).sentence).toMatch(/^No customer stream was loaded/)
    expect(harvestSummary(withStream({ ...none, coverage: 0 })).sentence).toMatch(/no concepts yet/)
    expect(harvestSummary(withStream({ ...none, coverage: 0.5, harvest: 1 })).sentence).toContain('no proposition joins two concepts yet')
  })
})
