import { describe, expect, it } from 'vitest'
import { computeProfile } from '../../../shared/metrics/profile'
import { BoardScript, s } from './board-script'

/**
 * u1 builds A, B and L A→B; b1 relabels A then deletes it; u1 recreates A.
 * The recreation restarts A's history: its footprint, creator and take-up.
 */
function recreated(): BoardScript {
  const b = new BoardScript({ b1: 'brand', u1: 'customer', f1: 'facilitator' })
  b.at(s(1), 'u1').concept('A').done()
  b.at(s(2), 'u1').concept('B').done()
  b.at(s(3), 'u1').link('L', 'A', 'B').done()
  b.at(s(4), 'b1').relabel('A', 'A by brand').done()
  b.at(s(5), 'b1').delete('A').done()
  b.at(s(6), 'u1').concept('A', 'A again').done()
  return b
}

describe('commonGround, bridging, novelty', () => {
  it('as of T = 4 s: footprint of L is {U} ∪ A{U,B} ∪ B{U} = {B,U}', () => {
    const p = computeProfile(recreated().input(s(4)))
    expect(p.commonGround).toBe(1)
    expect(p.commonGroundCount).toBe(1)
    // both endpoint creators u1 → internal → (0 − 1) / 1
    expect(p.bridging).toBe(-1)
    // A and B by U → 2/2
    expect(p.novelty).toBe(1)
  })

  it('as of T = 5 s: A is gone, L is no proposition → null (count 0)', () => {
    const p = computeProfile(recreated().input(s(5)))
    expect(p.commonGround).toBeNull()
    expect(p.commonGroundCount).toBe(0)
    expect(p.bridging).toBeNull()
    // only B present, by U → 1/1
    expect(p.novelty).toBe(1)
  })

  it('as of T = 6 s: recreated A restarts with footprint {U} → F(L) = {U} → 0', () => {
    const p = computeProfile(recreated().input(s(6)))
    expect(p.commonGround).toBe(0)
    expect(p.commonGroundCount).toBe(0)
    expect(p.bridging).toBe(-1)
    expect(p.novelty).toBe(1)
  })

  it('a recreation by the other group changes the creator (bridging, novelty)', () => {
    const b = recreated()
    b.at(s(7), 'b1').delete('A').done()
    b.at(s(8), 'b1').concept('A', 'brand A').done()
    const p = computeProfile(b.input(s(8)))
    // L: A by b1 (B), B by u1 (U) → external → (1 − 0)/1
    expect(p.bridging).toBe(1)
    // A by B, B by U → 1/2
    expect(p.novelty).toBe(0.5)
    // F(L) = L{U} ∪ A{B} ∪ B{U} = {B,U}
    expect(p.commonGround).toBe(1)
  })

  it('facilitator events never enter a footprint or a creator', () => {
    const b = new BoardScript({ b1: 'brand', u1: 'customer', f1: 'facilitator' })
    b.at(s(1), 'b1').concept('A').done()
    b.at(s(2), 'f1').concept('F').done()
    b.at(s(3), 'b1').link('L1', 'A', 'F').done()
    b.at(s(4), 'u1').concept('U1').done()
    b.at(s(5), 'f1').relabel('A', 'facilitated').done()
    b.at(s(6), 'f1').link('L2', 'A', 'U1').done()
    const p = computeProfile(b.input(s(6)))
    // L1: {B} ∪ A{B} ∪ F{} = {B}; L2: {} ∪ A{B} ∪ U1{U} = {B,U} → 1/2
    expect(p.commonGround).toBe(0.5)
    expect(p.commonGroundCount).toBe(1)
    // L1: F has no creator group → left out; L2: A (B) / U1 (U) → E = 1 → 1
    expect(p.bridging).toBe(1)
    // A (B), U1 (U); F has no creator group → 1/2
    expect(p.novelty).toBe(0.5)
  })

  it('dangling links are no propositions', () => {
    const b = new BoardScript({ b1: 'brand', u1: 'customer' })
    b.at(s(1), 'b1').concept('A').done()
    b.at(s(2), 'u1').concept('B').done()
    b.at(s(3), 'u1').link('L1', 'A', 'B').link('L2', 'A', 'Ghost').done()
    const p = computeProfile(b.input(s(3)))
    // P = {L1}: F = {U} ∪ {B} ∪ {U} → 1/1
    expect(p.commonGround).toBe(1)
    expect(p.structure.NP).toBe(1)
  })

  it('imported elements: no creator group, but events on them count in footprints', () => {
    const b = new BoardScript({ b1: 'brand', u1: 'customer' }, { concepts: ['A', 'B', 'C'], links: [['L', 'A', 'B'], ['M', 'B', 'C']] })
    b.at(s(1), 'u1').relabel('A', 'a').done()
    b.at(s(2), 'b1').relabel('B', 'b').done()
    const p = computeProfile(b.input(s(2)))
    // L: A{U} ∪ B{B} → {B,U}; M: B{B} ∪ C{} → {B} → 1/2
    expect(p.commonGround).toBe(0.5)
    expect(p.commonGroundCount).toBe(1)
    // no endpoint has a creator group → no pair → null; no present concept with a B/U creator → null
    expect(p.bridging).toBeNull()
    expect(p.novelty).toBeNull()
  })
})
