import { describe, expect, it } from 'vitest'
import { computeProfile } from '../../../shared/metrics/profile'
import { priorities } from '../../../shared/metrics/priorities'
import type { VoteBallot, VoteRound } from '../../../shared/metrics/types'
import type { Role } from '../../../shared/roles'
import { BoardScript, s } from './board-script'

const roles: Record<string, Role> = { b1: 'brand', b2: 'brand', u1: 'customer', u2: 'customer', f1: 'facilitator' }

/** metrics.md "Worked example (extension)": c1 by b1, c2 and c3 by u1, c4 by b2; links c1→c2, c2→c3, c2→c4. */
function extensionBoard(): BoardScript {
  const b = new BoardScript(roles)
  b.at(s(1), 'b1').concept('c1').done()
  b.at(s(2), 'u1').concept('c2').done()
  b.at(s(3), 'u1').concept('c3').done()
  b.at(s(4), 'b2').concept('c4').done()
  b.at(s(5), 'u1').link('l1', 'c1', 'c2').link('l2', 'c2', 'c3').done()
  b.at(s(6), 'b2').link('l3', 'c2', 'c4').done()
  return b
}

const ballot = (participantId: string, at: number, dots: Record<string, number>): VoteBallot => ({
  participantId,
  role: roles[participantId] as Role,
  at,
  dots
})

/** The closed round of 3 dots of the worked example. */
const workedRound: VoteRound = {
  id: 'r1',
  openedAt: s(10),
  closedAt: s(20),
  ballots: [ballot('b1', s(11), { c2: 2, c4: 1 }), ballot('b2', s(12), { c1: 3 }), ballot('u1', s(13), { c2: 1, c3: 2 })]
}

describe('priorities (metrics.md 12)', () => {
  it('the worked example of the extension', () => {
    const p = computeProfile(extensionBoard().input(s(30), { votes: [workedRound] })).priorities
    // vB = (c1 3, c2 2, c4 1), vU = (c2 1, c3 2): 2 / (√14 · √5)
    expect(p.agreement).toBeCloseTo(2 / (Math.sqrt(14) * Math.sqrt(5)), 12)
    expect(p.agreement).toBeCloseTo(0.2390457, 7)
    // b1's two dots on c2 (by u1) of B's six; u1's dots are on c2 and c3, both by U
    expect(p.crossVote.B).toBeCloseTo(1 / 3, 12)
    expect(p.crossVote.U).toBe(0)
    expect(p.voters).toEqual({ B: 2, U: 1 })
    expect(p.round).toBe('r1')
  })

  it('no round closed at or before T: every value null', () => {
    const b = extensionBoard()
    const none = { round: null, agreement: null, crossVote: { B: null, U: null }, voters: { B: null, U: null } }
    expect(computeProfile(b.input(s(30))).priorities).toEqual(none)
    expect(computeProfile(b.input(s(19), { votes: [workedRound] })).priorities).toEqual(none)
    expect(computeProfile(b.input(s(30), { votes: [{ ...workedRound, closedAt: null }] })).priorities).toEqual(none)
  })

  it('scores the latest round closed at or before T, and each participant’s last ballot in it', () => {
    const later: VoteRound = {
      id: 'r2',
      openedAt: s(21),
      closedAt: s(25),
      // u1 changed their mind: only the later ballot counts
      ballots: [ballot('u1', s(22), { c1: 3 }), ballot('b1', s(22), { c1: 1 }), ballot('u1', s(23), { c4: 1 })]
    }
    const creatorOf = (id: string) => ({ c1: 'B', c2: 'U', c3: 'U', c4: 'B' } as const)[id] ?? null
    expect(priorities([later, workedRound], s(24), creatorOf).round).toBe('r1')
    const p = priorities([workedRound, later], s(25), creatorOf)
    expect(p.round).toBe('r2')
    // vB = (c1 1), vU = (c4 1): no concept got dots from both
    expect(p.agreement).toBe(0)
    expect(p.crossVote).toEqual({ B: 0, U: 1 })
    expect(p.voters).toEqual({ B: 1, U: 1 })
  })

  it('one side without dots: agreement and its crossVote null; facilitators and empty ballots do not vote', () => {
    const round: VoteRound = {
      id: 'r',
      openedAt: 0,
      closedAt: 1,
      ballots: [ballot('b1', 0, { c2: 2 }), ballot('f1', 0, { c2: 3 }), ballot('u2', 0, {}), ballot('u1', 0, { c3: 0 })]
    }
    const p = priorities([round], 1, () => 'U')
    expect(p.agreement).toBeNull()
    expect(p.crossVote).toEqual({ B: 1, U: null })
    expect(p.voters).toEqual({ B: 1, U: 0 })
  })

  it('a concept created by neither group counts as nobody’s side', () => {
    const round: VoteRound = { id: 'r', openedAt: 0, closedAt: 1, ballots: [ballot('b1', 0, { x: 1, c2: 1 }), ballot('u1', 0, { x: 2 })] }
    const p = priorities([round], 1, (id) => (id === 'c2' ? 'U' : null))
    expect(p.crossVote).toEqual({ B: 0.5, U: 0 })
    // vB = (x 1, c2 1), vU = (x 2): 2 / (√2 · 2)
    expect(p.agreement).toBeCloseTo(1 / Math.sqrt(2), 12)
  })
})
