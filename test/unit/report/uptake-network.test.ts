import { describe, expect, it } from 'vitest'
import { computeProfile } from '../../../shared/metrics'
import { scoredEvents } from '../../../shared/metrics/scored-events'
import { uptakeNetwork } from '../../../shared/report/uptake-network'
import { s } from '../metrics/board-script'
import { extendedExample } from './fixture'

describe('uptake network', () => {
  it('weights who built on whose ideas, worked by hand on the extended worked example', () => {
    const b = extendedExample()
    const { network, uptakeByPerson } = uptakeNetwork(scoredEvents(b.events, s(50), b.mapAt), ['b1', 'b2', 'u1'])
    // t3 u1 links A (last b1) → B (last u1 itself): u1 → b1, uptake.
    // t4 b1 relabels B (last u1): b1 → u1, uptake.
    // t6 b2 links A (last b1, same side) → C (b2 itself): b2 → b1, not uptake.
    // t8 u1 relabels A (last b1 at t1; linking A is no event on A): u1 → b1 again.
    // t9 u1 links B (last b1's relabel) → A (u1 itself at t8): u1 → b1 a third time.
    // t10 the facilitator's concept counts for no one.
    expect(network).toEqual({
      nodes: ['b1', 'b2', 'u1'],
      edges: [
        { from: 'b1', to: 'u1', weight: 1, uptake: true },
        { from: 'b2', to: 'b1', weight: 1, uptake: false },
        { from: 'u1', to: 'b1', weight: 3, uptake: true }
      ]
    })
    expect(Object.fromEntries(uptakeByPerson)).toEqual({ b1: 1, u1: 3 })
    // Per person, uptake adds up to the profile's u_B / n_B and u_U / n_U.
    const p = computeProfile(b.input(s(50)))
    expect(p.uptake).toEqual({ brand: 1 / 4, customer: 3 / 4 })
  })

  it('matches the worked example of metrics.md as of t = 7 s', () => {
    const b = extendedExample()
    const { network, uptakeByPerson } = uptakeNetwork(scoredEvents(b.events, s(7), b.mapAt), [])
    expect(network.edges).toEqual([
      { from: 'b1', to: 'u1', weight: 1, uptake: true },
      { from: 'b2', to: 'b1', weight: 1, uptake: false },
      { from: 'u1', to: 'b1', weight: 1, uptake: true }
    ])
    expect(Object.fromEntries(uptakeByPerson)).toEqual({ b1: 1, u1: 1 })
  })

  it('counts one event once per person built on, and never a self-edge', () => {
    const b = extendedExample()
    // u1 links C (last b2) to B (last b1): one event, two people built on.
    b.at(s(11), 'u1').link('L4', 'C', 'B', 'costs').done()
    // b1 links A (last u1) to itself: one edge b1 → u1, weight 1.
    b.at(s(12), 'b1').link('L5', 'A', 'A', 'loops').done()
    const { network, uptakeByPerson } = uptakeNetwork(scoredEvents(b.events, s(50), b.mapAt), [])
    expect(network.edges).toEqual([
      { from: 'b1', to: 'u1', weight: 2, uptake: true },
      { from: 'b2', to: 'b1', weight: 1, uptake: false },
      { from: 'u1', to: 'b1', weight: 4, uptake: true },
      { from: 'u1', to: 'b2', weight: 1, uptake: true }
    ])
    expect(Object.fromEntries(uptakeByPerson)).toEqual({ b1: 2, u1: 4 })
  })

  it('has no edges when nobody built on anyone (one person only), and keeps silent members as nodes', () => {
    const b = extendedExample()
    const { network } = uptakeNetwork(scoredEvents(b.events, s(2), b.mapAt), ['u2'])
    expect(network).toEqual({ nodes: ['b1', 'u1', 'u2'], edges: [] })
  })
})
