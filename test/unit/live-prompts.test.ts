import { describe, expect, it } from 'vitest'
import { computeProfile } from '../../shared/metrics/profile'
import { ContributionWindow, liveScopeLine, livePrompts, silentPeople, type LiveProfileEvent } from '../../client/model/live-prompts'
import { BoardScript, s } from './metrics/board-script'

const person = (id: string, role: 'brand' | 'customer', contentEvents: number, lastContentAt: number | null) => ({
  participant: { id, name: id.toUpperCase(), role },
  contentEvents,
  lastContentAt
})

function event(at: number, participation: LiveProfileEvent['participation'], build: (b: BoardScript) => void = () => {}): LiveProfileEvent {
  const b = new BoardScript({ b1: 'brand', u1: 'customer', u2: 'customer' })
  build(b)
  return { at, session: 's', metrics: computeProfile(b.input(at)), participation }
}

describe('live prompts', () => {
  it('the window of the last 20 contributions: known from the first profile when it holds 20 or fewer, then grown by the increments', () => {
    const w = new ContributionWindow()
    w.update(event(s(10), [person('b1', 'brand', 15, s(9)), person('u1', 'customer', 2, s(5))]))
    expect(w.recent.filter((g) => g === 'U')).toHaveLength(2)
    expect(w.recent).toHaveLength(17)
    w.update(event(s(20), [person('b1', 'brand', 20, s(19)), person('u1', 'customer', 2, s(5))]))
    expect(w.recent).toHaveLength(20)
    const prompts = livePrompts(event(s(20), [person('b1', 'brand', 20, s(19)), person('u1', 'customer', 2, s(5))]), w.recent, [], { names: true })
    expect(prompts).toContain('Customers made 2 of the last 20 contributions.')
    // Too many already to know their order: the window starts empty.
    const late = new ContributionWindow()
    late.update(event(s(10), [person('b1', 'brand', 30, s(9))]))
    expect(late.recent).toHaveLength(0)
    late.update(event(s(11), [person('b1', 'brand', 30, s(9)), person('u1', 'customer', 1, s(11))]))
    expect(late.recent).toEqual(['U'])
  })

  it('names the quiet by the time of their last contribution, or since they were first seen; projected, it names nobody', () => {
    const e = event(s(400), [person('b1', 'brand', 1, s(390)), person('u1', 'customer', 1, s(60)), person('u2', 'customer', 0, null)])
    const firstSeen = new Map([['u2', s(101)]])
    expect(silentPeople(e, firstSeen, s(0))).toEqual(['u1'])
    expect(silentPeople({ ...e, at: s(401) }, firstSeen, s(0))).toEqual(['u1', 'u2'])
    const silent = silentPeople({ ...e, at: s(401) }, firstSeen, s(0))
    expect(livePrompts(e, [], silent, { names: true })).toContain('U1 and U2 have not added anything for 5 minutes: invite them in.')
    const safe = livePrompts(e, [], silent, { names: false })
    expect(safe).toContain('2 people have not added anything for 5 minutes.')
    expect(safe.join(' ')).not.toMatch(/U1|U2|B1/)
  })

  it('says when nobody has built on the other side’s ideas, from the profile’s uptake', () => {
    const parts = [person('b1', 'brand', 1, s(1)), person('u1', 'customer', 2, s(3))]
    const e = event(s(3), parts, (b) => {
      b.at(s(1), 'b1').concept('A').done()
      b.at(s(2), 'u1').concept('B').done()
      b.at(s(3), 'u1').link('L', 'A', 'B').done()
    })
    // u1's link builds on b1's concept: customers took up the brand's idea; the brand has not yet.
    const prompts = livePrompts(e, [], [], { names: true })
    expect(prompts, JSON.stringify([prompts, e.metrics.uptake])).toContain('Nobody has built on the customers’ ideas yet.')
    expect(prompts).not.toContain('Nobody has built on the brand’s ideas yet.')
  })
})

describe('liveScopeLine', () => {
  const clock = (ms: number) => `t${ms}`
  it('names a started session with its start, and never calls a stretch of activity a session', () => {
    expect(liveScopeLine('s1', 1000, clock)).toBe('The running session, since t1000')
    expect(liveScopeLine('activity-1', null, clock)).toBe('The current stretch of work (no session started)')
    expect(liveScopeLine(null, null, clock)).toBe('The whole board (no session running)')
  })
})
