import { describe, expect, it } from 'vitest'
import { computeProfile } from '../../../shared/metrics/profile'
import type { MetricsProfile } from '../../../shared/metrics/types'
import { BoardScript, s } from './board-script'

/** Walks the profile: no NaN or Infinity anywhere. */
function finiteOrNull(p: unknown): boolean {
  if (p === null) return true
  if (typeof p === 'number') return Number.isFinite(p)
  if (typeof p === 'object') return Object.values(p as object).every(finiteOrNull)
  return false
}

const emptyPulse = { brand: null, customer: null, overall: null, count: { brand: 0, customer: 0 } }

describe('null cases', () => {
  it('an empty board with no participants: everything null or zero', () => {
    const b = new BoardScript({})
    const p = computeProfile(b.input(s(1), { participants: [] }))
    const expected: MetricsProfile = {
      balance: null,
      equity: null,
      commonGround: null,
      commonGroundCount: 0,
      bridging: null,
      uptake: { brand: null, customer: null },
      reciprocity: null,
      structure: { NP: 0, HH: 0, NCL: 0, score: 0, integrativeCrossLinks: null },
      convergence: { delta: null, uptakeLatencyMedianSeconds: null },
      novelty: null,
      pulse: { understood: emptyPulse, learned: emptyPulse, represents: emptyPulse },
      stream: { harvest: null, beyond: null, coverage: null, harvestByGroup: { B: null, U: null } },
      priorities: { round: null, agreement: null, crossVote: { B: null, U: null }, voters: { B: null, U: null } }
    }
    expect(p).toEqual(expected)
  })

  it('concepts but no links: map metrics null, structure zero', () => {
    const b = new BoardScript({ b1: 'brand', u1: 'customer' })
    b.at(s(1), 'b1').concept('A').done()
    b.at(s(2), 'u1').concept('B').done()
    const p = computeProfile(b.input(s(2)))
    expect(p.commonGround).toBeNull()
    expect(p.commonGroundCount).toBe(0)
    expect(p.bridging).toBeNull()
    expect(p.structure).toEqual({ NP: 0, HH: 0, NCL: 0, score: 0, integrativeCrossLinks: null })
    // CG(t1) null → delta null
    expect(p.convergence.delta).toBeNull()
    expect(p.balance).toBe(1)
    expect(p.novelty).toBe(0.5)
  })

  it('one group only', () => {
    const b = new BoardScript({ b1: 'brand', b2: 'brand', u1: 'customer' })
    b.at(s(1), 'b1').concept('A').done()
    b.at(s(2), 'b2').concept('B').done()
    b.at(s(3), 'b1').link('L', 'A', 'B').done()
    const p = computeProfile(b.input(s(3)))
    // n_B 3, n_U 0 → 1 − 3/3 = 0
    expect(p.balance).toBe(0)
    // x = (b1 2, b2 1, u1 0): Σ|xi − xj| ordered = 2·(1 + 2 + 1) = 8; 2·9·1 = 18 → Gini 4/9
    expect(p.equity).toBeCloseTo(5 / 9, 12)
    expect(p.commonGround).toBe(0)
    expect(p.bridging).toBe(-1)
    expect(p.uptake).toEqual({ brand: 0, customer: null })
    expect(p.reciprocity).toBeNull()
    expect(p.novelty).toBe(0)
    // CG(t1) = 0, CG(cut: 3t ≤ 2000 + 3000 → t ≤ 1666: A only) = null → delta null
    expect(p.convergence.delta).toBeNull()
    expect(p.convergence.uptakeLatencyMedianSeconds).toBeNull()
  })

  it('no NaN anywhere on assorted boards', () => {
    const b = new BoardScript({ b1: 'brand', u1: 'customer', f1: 'facilitator' }, { concepts: ['I'], links: [['IL', 'I', 'I']] })
    b.at(s(1), 'f1').concept('F').done()
    b.at(s(2), 'u1').link('L', 'F', 'I').done()
    const p = computeProfile(b.input(s(2)))
    expect(finiteOrNull(p)).toBe(true)
    expect(p.structure.NP).toBe(2)
  })
})
