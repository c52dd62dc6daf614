import { describe, expect, it } from 'vitest'
import { permutationBaseline } from '../../../shared/metrics/permutation-baseline'
import { computeProfile } from '../../../shared/metrics/profile'
import { mulberry32, shuffleInPlace } from '../../../shared/metrics/prng'
import { BoardScript, s } from './board-script'

/** b1 (brand) and u1 (customer) only: a permutation either keeps or swaps their labels. */
function pair(): BoardScript {
  const b = new BoardScript({ b1: 'brand', u1: 'customer' })
  b.at(s(1), 'b1').concept('A').done()
  b.at(s(2), 'u1').concept('B').done()
  b.at(s(3), 'b1').relabel('B', 'b').done() // uptake by b1
  b.at(s(4), 'b1').link('L', 'A', 'B').done() // B last by b1 → not uptake
  b.at(s(5), 'u1').concept('C').done()
  return b
}

describe('permutation baseline', () => {
  it('observed values equal the profile, and the run is reproducible', () => {
    const input = pair().input(s(5))
    const profile = computeProfile(input)
    const r1 = permutationBaseline(input)
    const r2 = permutationBaseline(input)
    expect(r1).toEqual(r2)
    expect(r1.iterations).toBe(1000)
    expect(r1.bridging.observed).toBe(profile.bridging)
    expect(r1.uptake.brand.observed).toBe(profile.uptake.brand)
    expect(r1.uptake.customer.observed).toBe(profile.uptake.customer)
  })

  it('percentiles against the only two arrangements', () => {
    // Observed: b1 3 content, 1 uptake → brand 1/3; u1 2 content, 0 uptake → customer 0.
    // Swapped labels: b1's events become customer (1/3), u1's brand (0).
    // brand: identity 1/3 ≤ 1/3, swap 0 ≤ 1/3 → 100. customer: identity 0 ≤ 0, swap 1/3 > 0 →
    // percentile = share of identity arrangements, strictly between 0 and 100 for 1000 fair draws.
    // bridging: L joins A (b1) and B (u1): external under both → 1 ≤ 1 → 100.
    const r = permutationBaseline(pair().input(s(5)))
    expect(r.uptake.brand).toEqual({ observed: 1 / 3, percentile: 100, permutations: 1000 })
    expect(r.bridging).toEqual({ observed: 1, percentile: 100, permutations: 1000 })
    expect(r.uptake.customer.observed).toBe(0)
    expect(r.uptake.customer.percentile).toBeGreaterThan(35)
    expect(r.uptake.customer.percentile).toBeLessThan(65)
    // a different seed changes the draw, not the certain results
    const other = permutationBaseline(pair().input(s(5)), { seed: 42, iterations: 200 })
    expect(other.uptake.brand.percentile).toBe(100)
    expect(other.uptake.brand.permutations).toBe(200)
  })

  it('a null observed value has a null percentile', () => {
    const b = new BoardScript({ b1: 'brand', b2: 'brand' })
    b.at(s(1), 'b1').concept('A').done()
    b.at(s(2), 'b2').concept('B').done()
    b.at(s(3), 'b1').link('L', 'A', 'B').done()
    const r = permutationBaseline(b.input(s(3)), { iterations: 10 })
    // one group only: shuffling changes nothing; customer uptake null throughout
    expect(r.uptake.customer).toEqual({ observed: null, percentile: null, permutations: 0 })
    expect(r.uptake.brand).toEqual({ observed: 0, percentile: 100, permutations: 10 })
    expect(r.bridging).toEqual({ observed: -1, percentile: 100, permutations: 10 })
  })

  it('participants without events take part in the shuffle', () => {
    // b1 did everything; u1 and u2 connected. A permutation moves b1's label to a customer in 2 of
    // 3 arrangements, making brand uptake null there (no brand content): those are not counted.
    const b = new BoardScript({ b1: 'brand', u1: 'customer', u2: 'customer' })
    b.at(s(1), 'b1').concept('A').done()
    const r = permutationBaseline(b.input(s(1)), { iterations: 300 })
    expect(r.uptake.brand.observed).toBe(0)
    expect(r.uptake.brand.percentile).toBe(100)
    expect(r.uptake.brand.permutations).toBeGreaterThan(50)
    expect(r.uptake.brand.permutations).toBeLessThan(150)
  })

  it('mulberry32 is deterministic in [0, 1), the shuffle is a uniform permutation', () => {
    const a = mulberry32(7)
    const b = mulberry32(7)
    const xs = Array.from({ length: 1000 }, () => a())
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()))
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true)
    const counts = new Map<string, number>()
    const random = mulberry32(1)
    for (let i = 0; i < 6000; i++) {
      const k = shuffleInPlace([1, 2, 3], random).join('')
      counts.set(k, (counts.get(k) ?? 0) + 1)
    }
    expect(counts.size).toBe(6)
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(150)
  })
})
