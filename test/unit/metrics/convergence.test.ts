import { describe, expect, it } from 'vitest'
import { computeProfile } from '../../../shared/metrics/profile'
import { BoardScript } from './board-script'

/**
 * Times in ms. b1 builds A, B and L1 A→B (F(L1) = {B}); u1 relabels B at `relabelAt` (F(L1) =
 * {B,U}), creates C at 3500 and L2 A→C at `t1` (F(L2) = {U} ∪ A{B} ∪ C{U} = {B,U}).
 * CG(t1) = 2/2 = 1. The cut holds the events with 3t ≤ 2·t0 + t1, t0 = 1000.
 */
function board(relabelAt: number, t1: number): BoardScript {
  const b = new BoardScript({ b1: 'brand', u1: 'customer', f1: 'facilitator' })
  b.at(1000, 'b1').concept('A').done()
  b.at(1001, 'b1').concept('B').done()
  b.at(1002, 'b1').link('L1', 'A', 'B').done()
  b.at(relabelAt, 'u1').relabel('B', 'b').done()
  b.at(3500, 'u1').concept('C').done()
  b.at(t1, 'u1').link('L2', 'A', 'C').done()
  b.at(t1 + 500, 'f1').relabel('A', 'facilitator, after t1').done() // not B/U: t1 unchanged
  b.at(t1 + 600, 'u1').move('A').done() // not content: t1 unchanged
  return b
}

describe('convergence', () => {
  it('an event exactly on the cut is at or before it (3·3000 = 2·1000 + 7000)', () => {
    // cut = {A, B, L1, relabel B} → F(L1) = {B,U} → CG(cut) = 1 → delta = 1 − 1 = 0
    const p = computeProfile(board(3000, 7000).input(9000))
    expect(p.convergence.delta).toBe(0)
    // take-ups: A (1000) by L2 at 7000 → 6 s; B (1001) by the relabel at 3000 → 1.999 s.
    // [1.999, 6] → (1.999 + 6) / 2 = 3.9995
    expect(p.convergence.uptakeLatencyMedianSeconds).toBeCloseTo(3.9995, 12)
  })

  it('one ms later it is after the cut', () => {
    // relabel at 3001: 3·3001 = 9003 > 9000 → cut = {A, B, L1} → F(L1) = {B} → CG(cut) = 0 → delta 1
    const p = computeProfile(board(3001, 7000).input(9000))
    expect(p.convergence.delta).toBe(1)
    // B taken up at 3001 → 2 s; A → 6 s → (2 + 6) / 2 = 4
    expect(p.convergence.uptakeLatencyMedianSeconds).toBe(4)
  })

  it('a bound not divisible by 3: 3t ≤ 9001 keeps t = 3000 only', () => {
    expect(computeProfile(board(3000, 7001).input(9001)).convergence.delta).toBe(0)
    expect(computeProfile(board(3001, 7001).input(9001)).convergence.delta).toBe(1)
  })

  it('T before t1: t1 is the last content event at or before T', () => {
    // T = 4000: t1 = 3500 (C created). bound = 2000 + 3500 = 5500 → cut t ≤ 1833: A, B, L1.
    // CG(t1) at 3500: L1 {B,U} → 1; CG(cut): F(L1) = {B} → 0 → delta 1
    expect(computeProfile(board(3000, 7000).input(4000)).convergence.delta).toBe(1)
  })

  it('null when t0 = t1, without content events, or when either term is null', () => {
    const one = new BoardScript({ b1: 'brand' })
    one.at(1000, 'b1').concept('A').done()
    expect(computeProfile(one.input(5000)).convergence.delta).toBeNull()
    const none = new BoardScript({ b1: 'brand', f1: 'facilitator' })
    none.at(1000, 'f1').concept('A').done()
    expect(computeProfile(none.input(5000)).convergence).toEqual({ delta: null, uptakeLatencyMedianSeconds: null })
    // two content events in the same ms: t0 = t1 → null
    const same = new BoardScript({ b1: 'brand', u1: 'customer' })
    same.at(1000, 'b1').concept('A').done()
    same.at(1000, 'u1').concept('B').done()
    expect(computeProfile(same.input(5000)).convergence.delta).toBeNull()
  })

  it('the map at the cut is the map at ⌊(2·t0 + t1)/3⌋', () => {
    // A link made by a facilitator at 3000 is in the map at the cut though not a B/U event;
    // b1 at 1000: A, B; u1 at 7000 relabels A. bound 9000.
    // cut: map {A, B, F-link A→B}, events: b1's creates → F = {} ∪ A{B} ∪ B{B} = {B} → CG(cut) 0.
    // t1 = 7000: F = A{B,U} ∪ B{B} → {B,U} → 1. delta = 1.
    const b = new BoardScript({ b1: 'brand', u1: 'customer', f1: 'facilitator' })
    b.at(1000, 'b1').concept('A').concept('B').done()
    b.at(3000, 'f1').link('F', 'A', 'B').done()
    b.at(7000, 'u1').relabel('A', 'a').done()
    expect(computeProfile(b.input(7000)).convergence.delta).toBe(1)
    // with the facilitator's link made at 3001 the cut has no proposition → null
    const late = new BoardScript({ b1: 'brand', u1: 'customer', f1: 'facilitator' })
    late.at(1000, 'b1').concept('A').concept('B').done()
    late.at(3001, 'f1').link('F', 'A', 'B').done()
    late.at(7000, 'u1').relabel('A', 'a').done()
    expect(computeProfile(late.input(7000)).convergence.delta).toBeNull()
  })
})
