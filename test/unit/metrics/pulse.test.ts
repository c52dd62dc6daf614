import { describe, expect, it } from 'vitest'
import { pulse } from '../../../shared/metrics/pulse'
import type { PulseAnswer } from '../../../shared/metrics/types'

const T = 10_000

describe('pulse', () => {
  it('last answer set per participant replaces the earlier one; facilitators, viewers, invalid items ignored', () => {
    const answers: PulseAnswer[] = [
      { participantId: 'b1', role: 'brand', understood: 4, learned: 2 },
      { participantId: 'b2', role: 'brand', understood: 3, learned: 4, represents: 5 },
      { participantId: 'u1', role: 'customer', understood: 2, represents: 3, at: 5000 },
      { participantId: 'u2', role: 'customer', understood: 7, learned: 1 }, // 7 is no 1–5 answer
      { participantId: 'b1', role: 'brand', understood: 5 }, // replaces b1's set: learned now omitted
      { participantId: 'f1', role: 'facilitator', understood: 1, learned: 1, represents: 1 },
      { participantId: 'v1', role: 'viewer', understood: 1, learned: 1, represents: 1 },
      { participantId: 'u1', role: 'customer', understood: 5, at: T + 1 } // after T: ignored
    ]
    expect(pulse(answers, T)).toEqual({
      // B: 5, 3 → 4; U: 2 → 2; overall (5 + 3 + 2) / 3
      understood: { brand: 4, customer: 2, overall: 10 / 3, count: { brand: 2, customer: 1 } },
      // B: 4 (b2); U: 1 (u2); overall 2.5
      learned: { brand: 4, customer: 1, overall: 2.5, count: { brand: 1, customer: 1 } },
      // B: 5; U: 3; overall 4
      represents: { brand: 5, customer: 3, overall: 4, count: { brand: 1, customer: 1 } }
    })
  })

  it('replacement is per session', () => {
    const answers: PulseAnswer[] = [
      { participantId: 'b1', role: 'brand', session: 's1', understood: 2 },
      { participantId: 'b1', role: 'brand', session: 's2', understood: 4 },
      { participantId: 'b1', role: 'brand', session: 's1', understood: 3 }
    ]
    // s1 → 3, s2 → 4 → mean 3.5 over 2 answers
    expect(pulse(answers, T).understood).toEqual({ brand: 3.5, customer: null, overall: 3.5, count: { brand: 2, customer: 0 } })
  })

  it('no answers: null means, zero counts', () => {
    const empty = { brand: null, customer: null, overall: null, count: { brand: 0, customer: 0 } }
    expect(pulse([], T)).toEqual({ understood: empty, learned: empty, represents: empty })
  })
})
