import { describe, expect, it } from 'vitest'
import { balance } from '../../../shared/metrics/balance'
import { equity } from '../../../shared/metrics/equity'
import { computeProfile } from '../../../shared/metrics/profile'
import { BoardScript, s } from './board-script'

describe('balance and equity', () => {
  const roles = {
    b1: 'brand',
    b2: 'brand',
    b3: 'brand',
    u1: 'customer',
    u2: 'customer',
    u3: 'customer',
    f1: 'facilitator',
    v1: 'viewer'
  } as const

  function board(): BoardScript {
    const b = new BoardScript({ ...roles })
    b.at(s(1), 'b1').concept('X1').concept('X2').done() // two content events in one update
    b.at(s(2), 'b1').relabel('X1', 'x one').done()
    b.at(s(3), 'b2').concept('X3').done()
    b.at(s(4), 'u1').concept('Y1').done()
    b.at(s(5), 'u1').concept('Y2').done()
    b.at(s(6), 'u2').move('Y1').done() // not content
    b.at(s(7), 'f1').concept('F1').concept('F2').relabel('X1', 'f').done() // facilitator: ignored
    b.at(s(8), 'f1').delete('F1').delete('F2').done()
    b.at(s(20), 'b1').concept('Late').done() // after T
    return b
  }

  it('counts content events of B and U only, at or before T', () => {
    // n_B = 3 (b1) + 1 (b2) = 4, n_U = 2 (u1) → 1 − |4 − 2| / 6 = 2/3
    const p = computeProfile(board().input(s(10)))
    expect(p.balance).toBeCloseTo(2 / 3, 12)
  })

  it('equity over every B/U participant connected by T, with or without events', () => {
    const participants = [
      { id: 'b1', role: 'brand', firstConnectedAt: 0 },
      { id: 'b2', role: 'brand', firstConnectedAt: 0 },
      { id: 'b3', role: 'brand', firstConnectedAt: s(9) }, // connected, never wrote: x = 0
      { id: 'u1', role: 'customer', firstConnectedAt: 0 },
      { id: 'u2', role: 'customer', firstConnectedAt: 0 }, // only a move: x = 0
      { id: 'u3', role: 'customer', firstConnectedAt: s(11) }, // connected after T: not counted
      { id: 'f1', role: 'facilitator', firstConnectedAt: 0 },
      { id: 'v1', role: 'viewer', firstConnectedAt: 0 }
    ] as const
    // x = (b1 3, b2 1, b3 0, u1 2, u2 0): n = 5, Σx = 6, x̄ = 1.2.
    // Unordered pair differences, sorted x = 0,0,1,2,3: each 0 vs 1,2,3 → 6, twice → 12; 0 vs 0 → 0;
    // 1-2: 1, 1-3: 2, 2-3: 1 → 4. Total 16, ordered double sum 32.
    // Gini = 32 / (2 · 25 · 1.2) = 32 / 60 = 8/15 → equity = 7/15 ≈ 0.4667
    const p = computeProfile(board().input(s(10), { participants: [...participants] }))
    expect(p.equity).toBeCloseTo(7 / 15, 12)
  })

  it('equity is 1 for equal contributions and null with x̄ = 0 or n = 0', () => {
    expect(equity([2, 2, 2])).toBe(1)
    // one participant did everything of n = 4: Σ|xi − xj| = 2·3·4 = 24; 2·16·1 = 32 → Gini 0.75
    expect(equity([4, 0, 0, 0])).toBeCloseTo(0.25, 12)
    expect(equity([0, 0, 0])).toBeNull()
    expect(equity([])).toBeNull()
  })

  it('balance: 1 equal, 0 one-sided, null without content events', () => {
    expect(balance({ B: 3, U: 3 })).toBe(1)
    expect(balance({ B: 5, U: 0 })).toBe(0)
    expect(balance({ B: 0, U: 0 })).toBeNull()
  })

  it('only facilitator activity: balance and equity null', () => {
    const b = new BoardScript({ f1: 'facilitator', b1: 'brand', u1: 'customer' })
    b.at(s(1), 'f1').concept('A').done()
    // b1 and u1 connected, no content events → x = (0, 0), x̄ = 0 → null
    const p = computeProfile(b.input(s(2)))
    expect(p.balance).toBeNull()
    expect(p.equity).toBeNull()
  })
})
