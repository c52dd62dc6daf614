import { describe, expect, it } from 'vitest'
import { computeProfile } from '../../../shared/metrics/profile'
import { reciprocity } from '../../../shared/metrics/reciprocity'
import { BoardScript, s } from './board-script'

/** seq k happens at k seconds. */
function uptakeBoard(): BoardScript {
  const b = new BoardScript({ b1: 'brand', u1: 'customer', f1: 'facilitator' })
  b.at(s(1), 'b1').concept('A').done() //            B content 1
  b.at(s(2), 'f1').relabel('A', 'by facilitator').done() // ignored: "last content event" is by B or U
  b.at(s(3), 'u1').relabel('A', 'by u1').done() //   U 1: last on A by b1 → uptake (a)
  b.at(s(4), 'u1').concept('B').done() //            U 2: concept create is never uptake
  b.at(s(5), 'b1').link('L', 'A', 'B').done() //     B 2: A last by u1 → uptake (b)
  b.at(s(6), 'b1').concept('C').done() //            B 3
  b.at(s(7), 'u1').reconnect('L', 'A', 'C').done() // U 3: last on L by b1 → uptake (a)
  b.at(s(8), 'u1').delete('C').done() //             U 4: last on C by b1 → uptake (a)
  b.at(s(9), 'b1').relabel('L', 'l').done() //       B 4: last on L by u1 → uptake (a)
  b.at(s(10), 'b1').move('A').done() //              not content
  b.at(s(11), 'u1').link('L2', 'B', 'B').done() //   U 5: self-loop on B, last by u1 → no
  b.at(s(12), 'u1').restyle('L').done() //           not content
  return b
}

describe('uptake, reciprocity, uptake latency', () => {
  it('rules (a) and (b), facilitator events skipped', () => {
    const p = computeProfile(uptakeBoard().input(s(12)))
    // brand 2 uptake / 4 content, customer 3 / 5
    expect(p.uptake).toEqual({ brand: 0.5, customer: 0.6 })
    // min(2, 3) / max(2, 3)
    expect(p.reciprocity).toBeCloseTo(2 / 3, 12)
    // n_B 4, n_U 5 → 1 − 1/9
    expect(p.balance).toBeCloseTo(8 / 9, 12)
  })

  it('uptake latency: first take-up per element, even count → mean of the middle two', () => {
    // A (b1, 1 s): u1 relabel at 3 s → 2 s. B (u1, 4 s): b1 creates L with B at 5 s → 1 s.
    // C (b1, 6 s): u1 reconnects L to C at 7 s → 1 s (its later delete is no earlier take-up).
    // L (b1, 5 s): u1 reconnects it at 7 s → 2 s. L2 (u1): never taken up.
    // [1, 1, 2, 2] → (1 + 2) / 2 = 1.5. C was deleted later and still counts.
    const p = computeProfile(uptakeBoard().input(s(12)))
    expect(p.convergence.uptakeLatencyMedianSeconds).toBe(1.5)
  })

  it('ties inside one update: the smaller id is earlier', () => {
    const base = () => {
      const b = new BoardScript({ b1: 'brand', u1: 'customer' })
      b.at(s(1), 'b1').concept('K').done()
      return b
    }
    // 'K' < 'L': u1's relabel of K (uptake) comes first, so L finds K last touched by u1 → no uptake
    const first = base()
    first.at(s(2), 'u1').relabel('K', 'k').link('L', 'K', 'K').done()
    expect(computeProfile(first.input(s(2))).uptake.customer).toBe(1 / 2)
    // 'J' < 'K': J is created first, when K was last touched by b1 → uptake; the relabel too
    const second = base()
    second.at(s(2), 'u1').relabel('K', 'k').link('J', 'K', 'K').done()
    expect(computeProfile(second.input(s(2))).uptake.customer).toBe(1)
  })

  it('history restarts at a create: the old incarnation is not "the last content event"', () => {
    const b = new BoardScript({ b1: 'brand', u1: 'customer' })
    b.at(s(1), 'b1').concept('A').done()
    b.at(s(2), 'b1').delete('A').done()
    b.at(s(3), 'u1').concept('A').done() // concept create: never uptake
    b.at(s(4), 'u1').relabel('A', 'again').done() // last on A since the create: u1 → no uptake
    const p = computeProfile(b.input(s(4)))
    expect(p.uptake).toEqual({ brand: 0, customer: 0 })
    // u_B = u_U = 0 → null
    expect(p.reciprocity).toBeNull()
  })

  it('one group only: the other uptake is null, reciprocity null', () => {
    const b = new BoardScript({ b1: 'brand', b2: 'brand' })
    b.at(s(1), 'b1').concept('A').done()
    b.at(s(2), 'b2').relabel('A', 'a').done() // same group: not uptake
    const p = computeProfile(b.input(s(2)))
    expect(p.uptake).toEqual({ brand: 0, customer: null })
    expect(p.reciprocity).toBeNull()
    expect(p.convergence.uptakeLatencyMedianSeconds).toBeNull()
  })

  it('latency: recreated element restarts take-up; deleted element keeps it', () => {
    const b = new BoardScript({ b1: 'brand', u1: 'customer' })
    b.at(s(1), 'u1').concept('A').done()
    b.at(s(4), 'b1').relabel('A', 'x').done() // take-up of A after 3 s
    b.at(s(5), 'b1').delete('A').done()
    // as of 5 s: A deleted, still counts → [3]
    expect(computeProfile(b.input(s(5))).convergence.uptakeLatencyMedianSeconds).toBe(3)
    b.at(s(6), 'u1').concept('A').done()
    // as of 6 s: A's latest create (6 s) has no take-up → no element → null
    expect(computeProfile(b.input(s(6))).convergence.uptakeLatencyMedianSeconds).toBeNull()
  })

  it('latency uses the first take-up, by link create or reconnect with the concept as endpoint', () => {
    const b = new BoardScript({ b1: 'brand', u1: 'customer' })
    b.at(s(1), 'u1').concept('A').concept('B').done()
    b.at(s(2), 'u1').link('L', 'A', 'B').done()
    b.at(s(10), 'b1').concept('C').done()
    b.at(s(11), 'b1').reconnect('L', 'A', 'C').done() // takes up L, A (and C, but C is b1's)
    b.at(s(20), 'b1').relabel('B', 'late').done()
    // L (u1, 2 s): reconnected by b1 at 11 s → 9 s. A (u1, 1 s): endpoint of the reconnected link at
    // 11 s → 10 s. B (u1, 1 s): relabel at 20 s → 19 s. C (b1): never taken up by U.
    // [9, 10, 19] → 10
    expect(computeProfile(b.input(s(20))).convergence.uptakeLatencyMedianSeconds).toBe(10)
  })

  it('reciprocity is min/max', () => {
    expect(reciprocity(0, 0)).toBeNull()
    expect(reciprocity(0, 3)).toBe(0)
    expect(reciprocity(4, 2)).toBe(0.5)
  })
})
