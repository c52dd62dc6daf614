import { describe, expect, it } from 'vitest'
import { scoredEvents } from '../../../shared/metrics/scored-events'
import { contributions } from '../../../shared/report/contributions'
import { pulseDistribution } from '../../../shared/report/pulse-distribution'
import { sampleMoments } from '../../../shared/report/timeline-moments'
import { uptakeNetwork } from '../../../shared/report/uptake-network'
import { s } from '../metrics/board-script'
import { PULSES, extendedExample, personOf } from './fixture'

const zero = { create: 0, relabel: 0, reconnect: 0, delete: 0, move: 0, restyle: 0, content: 0, uptake: 0 }

describe('contributions per person and per group', () => {
  it('counts events by kind, worked by hand on the extended example', () => {
    const b = extendedExample()
    const { uptakeByPerson } = uptakeNetwork(scoredEvents(b.events, s(50), b.mapAt), [])
    const c = contributions(b.events, s(50), { members: ['b1', 'b2', 'u1', 'u2'], personOf, uptakeByPerson })
    expect(c.people.map((p) => [p.person.id, { ...p, person: undefined }])).toEqual([
      // brand first, most content first, ties by id
      ['b1', { ...zero, person: undefined, create: 1, relabel: 1, content: 2, uptake: 1 }],
      ['b2', { ...zero, person: undefined, create: 2, content: 2 }],
      ['u1', { ...zero, person: undefined, create: 3, relabel: 1, move: 1, content: 4, uptake: 3 }],
      // a customer who connected and did nothing still counts
      ['u2', { ...zero, person: undefined }],
      // the facilitator is shown, in no group, with no uptake
      ['f1', { ...zero, person: undefined, create: 1, content: 1 }]
    ])
    expect(c.groups).toEqual([
      { group: 'B', people: 2, ...zero, create: 3, relabel: 1, content: 4, uptake: 1 },
      { group: 'U', people: 2, ...zero, create: 3, relabel: 1, move: 1, content: 4, uptake: 3 }
    ])
  })

  it('ignores events after T', () => {
    const b = extendedExample()
    const c = contributions(b.events, s(2), { members: [], personOf, uptakeByPerson: new Map() })
    expect(c.people.map((p) => [p.person.id, p.content])).toEqual([
      ['b1', 1],
      ['u1', 1]
    ])
  })
})

describe('pulse answers per group', () => {
  it('tallies the last answer set per participant and session, brand and customer only, up to T', () => {
    const d = pulseDistribution(PULSES, s(50))
    // b1's second set (understood 2, rest refused) replaced the first; b2's 7 is out of range
    expect(d.understood).toEqual({ B: { counts: [0, 1, 0, 0, 0], refused: 1 }, U: { counts: [0, 0, 0, 0, 1], refused: 0 } })
    expect(d.learned).toEqual({ B: { counts: [0, 0, 0, 0, 0], refused: 2 }, U: { counts: [0, 0, 1, 0, 0], refused: 0 } })
    expect(d.represents).toEqual({ B: { counts: [0, 0, 1, 0, 0], refused: 1 }, U: { counts: [1, 0, 0, 0, 0], refused: 0 } })
  })

  it('is all zeros with no answers', () => {
    const d = pulseDistribution([], s(50))
    expect(d.understood.B).toEqual({ counts: [0, 0, 0, 0, 0], refused: 0 })
  })
})

describe('timeline moments', () => {
  it('spaces moments evenly, ends at T, and never repeats one', () => {
    expect(sampleMoments(0, 100, 5)).toEqual([0, 25, 50, 75, 100])
    expect(sampleMoments(0, 2, 5)).toEqual([0, 1, 2])
    expect(sampleMoments(5, 5, 24)).toEqual([5])
    expect(sampleMoments(9, 3, 24)).toEqual([3])
    expect(sampleMoments(0, 1000, 24)).toHaveLength(24)
  })
})
