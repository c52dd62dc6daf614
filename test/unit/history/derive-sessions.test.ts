import { describe, expect, it } from 'vitest'
import { deriveSessions } from '../../../server/sessions/derive-sessions'

const MIN = 60_000
const GAP = 30 * MIN

describe('deriveSessions', () => {
  it('splits activity at 30 minutes of quiet, and keeps the last one open until the gap has passed', () => {
    const times = [0, 5 * MIN, 29 * MIN, 59 * MIN, 60 * MIN, 200 * MIN]
    const sessions = deriveSessions([], times, GAP, 210 * MIN)
    expect(sessions.map((s) => [s.id, s.start, s.end, s.open, s.kind])).toEqual([
      ['auto-0', 0, 29 * MIN, false, 'activity'],
      [`auto-${59 * MIN}`, 59 * MIN, 60 * MIN, false, 'activity'],
      [`auto-${200 * MIN}`, 200 * MIN, 200 * MIN, true, 'activity']
    ])
    // Exactly the gap is quiet enough; a millisecond less is not.
    expect(deriveSessions([], [0, GAP], GAP, GAP * 3)).toHaveLength(2)
    expect(deriveSessions([], [0, GAP - 1], GAP, GAP * 3)).toHaveLength(1)
    expect(deriveSessions([], [], GAP, 0)).toEqual([])
  })

  it('keeps marked sessions as marked and finds sessions only in the activity outside them', () => {
    const marks = [
      { id: 'm1', boardId: 'b', name: 'Workshop', startedAt: 10 * MIN, endedAt: 20 * MIN },
      { id: 'm2', boardId: 'b', name: 'Follow-up', startedAt: 100 * MIN, endedAt: null }
    ]
    const times = [0, 5 * MIN, 12 * MIN, 15 * MIN, 22 * MIN, 101 * MIN]
    const sessions = deriveSessions(marks, times, GAP, 130 * MIN)
    expect(sessions.map((s) => [s.id, s.name, s.start, s.end, s.open])).toEqual([
      ['auto-0', null, 0, 5 * MIN, false],
      ['m1', 'Workshop', 10 * MIN, 20 * MIN, false],
      [`auto-${22 * MIN}`, null, 22 * MIN, 22 * MIN, false],
      ['m2', 'Follow-up', 100 * MIN, 130 * MIN, true]
    ])
  })

  it('closes a stretch of activity once a marked session begins after it, though the gap has not passed', () => {
    const marks = [{ id: 'm1', boardId: 'b', name: 'Session 1', startedAt: 6 * MIN, endedAt: 7 * MIN }]
    const sessions = deriveSessions(marks, [0, 5 * MIN], GAP, 8 * MIN)
    expect(sessions.map((s) => [s.id, s.open])).toEqual([
      ['auto-0', false],
      ['m1', false]
    ])
    // With no mark after it, the same stretch is still open.
    expect(deriveSessions([], [0, 5 * MIN], GAP, 8 * MIN).map((s) => s.open)).toEqual([true])
  })
})
