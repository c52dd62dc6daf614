import { groupOf, type Group } from '../roles'
import type { MetricsProfile, VoteBallot, VoteRound } from './types'

export type Priorities = MetricsProfile['priorities']

/**
 * 12. priorities, from the latest round closed at or before T (by close time; ties to the later
 * opened, then the larger id). Each B/U participant's last ballot in it (by `at`, then given order)
 * counts. agreement = cosine of the two sides' dot vectors; crossVote.B = B's dots on concepts
 * created by U / all of B's dots (U likewise); voters = participants with at least one dot.
 * `creatorOf` is the concept's creator group as of T (null: none).
 */
export function priorities(rounds: readonly VoteRound[], T: number, creatorOf: (conceptId: string) => Group | null): Priorities {
  const scored = scoredRound(rounds, T)
  if (scored === null) return { round: null, agreement: null, crossVote: { B: null, U: null }, voters: { B: null, U: null } }

  const last = new Map<string, VoteBallot>()
  for (const b of scored.ballots) {
    if (groupOf(b.role) === null) continue
    const prev = last.get(b.participantId)
    if (prev === undefined || b.at >= prev.at) last.set(b.participantId, b)
  }
  const v = { B: new Map<string, number>(), U: new Map<string, number>() }
  const voters = { B: 0, U: 0 }
  const total = { B: 0, U: 0 }
  const cross = { B: 0, U: 0 }
  for (const b of last.values()) {
    const g = groupOf(b.role) as Group
    let cast = 0
    for (const [concept, n] of Object.entries(b.dots)) {
      if (!Number.isInteger(n) || n <= 0) continue
      cast += n
      v[g].set(concept, (v[g].get(concept) ?? 0) + n)
      if (creatorOf(concept) === other(g)) cross[g] += n
    }
    if (cast > 0) voters[g]++
    total[g] += cast
  }
  let dot = 0
  for (const [c, nB] of v.B) dot += nB * (v.U.get(c) ?? 0)
  const norm = (m: Map<string, number>) => Math.sqrt([...m.values()].reduce((s, n) => s + n * n, 0))
  const agreement = total.B === 0 || total.U === 0 ? null : dot / (norm(v.B) * norm(v.U))
  return {
    round: scored.id,
    agreement,
    crossVote: { B: total.B === 0 ? null : cross.B / total.B, U: total.U === 0 ? null : cross.U / total.U },
    voters
  }
}

/** The round priorities scores as of T: the latest closed at or before T (null: none). */
export function scoredRound<R extends Pick<VoteRound, 'id' | 'openedAt' | 'closedAt'>>(rounds: readonly R[], T: number): R | null {
  let scored: R | null = null
  for (const r of rounds) {
    if (r.closedAt === null || !(r.closedAt <= T)) continue
    if (scored === null || laterRound(r, scored)) scored = r
  }
  return scored
}

const other = (g: Group): Group => (g === 'B' ? 'U' : 'B')

function laterRound(a: Pick<VoteRound, 'id' | 'openedAt' | 'closedAt'>, b: Pick<VoteRound, 'id' | 'openedAt' | 'closedAt'>): boolean {
  if (a.closedAt !== b.closedAt) return (a.closedAt as number) > (b.closedAt as number)
  if (a.openedAt !== b.openedAt) return a.openedAt > b.openedAt
  return a.id > b.id
}
