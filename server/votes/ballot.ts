import { groupOf, type Role } from '../../shared/roles'
import { VOTE_LIMITS } from '../../shared/api/votes'
import type { BallotRecord, VoteRoundRecord } from '../store/metadata'

export { VOTE_LIMITS }

/** Why a ballot body is refused (a 400 with this reason), or the dots to store: positive counts only. */
export function parseBallotDots(
  body: Record<string, unknown>,
  round: Pick<VoteRoundRecord, 'dots'>,
  present: (conceptId: string) => boolean
): { dots: Record<string, number> } | { error: string } {
  for (const key of Object.keys(body)) if (key !== 'dots') return { error: `unknown field ${key}` }
  const raw = body.dots
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { error: 'dots must be an object of concept id → number of dots' }
  const entries = Object.entries(raw as Record<string, unknown>)
  if (entries.length > VOTE_LIMITS.maxEntries) return { error: `dots names more than ${VOTE_LIMITS.maxEntries} concepts` }
  // No prototype: a concept id such as "__proto__" is a key like any other.
  const dots = Object.create(null) as Record<string, number>
  let sum = 0
  for (const [id, n] of entries) {
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) return { error: `dots on ${truncate(id)} must be a whole number ≥ 0` }
    if (id.length === 0 || id.length > VOTE_LIMITS.maxConceptIdLength || !present(id)) return { error: `no concept ${truncate(id)} on the board now` }
    sum += n
    if (n > 0) dots[id] = n
  }
  if (sum > round.dots) return { error: `${sum} dots placed, but the round gives ${round.dots}` }
  return { dots }
}

const truncate = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s)

/** Dots per concept by group (B brand, U customer) over each participant's latest ballot. */
export function voteTotals(ballots: readonly BallotRecord[], roleOf: (participantId: string) => Role): Record<string, { B: number; U: number }> {
  const latest = new Map<string, BallotRecord>()
  for (const b of ballots) latest.set(b.participantId, b)
  const totals = Object.create(null) as Record<string, { B: number; U: number }>
  for (const b of latest.values()) {
    const g = groupOf(roleOf(b.participantId))
    if (g === null) continue
    for (const [id, n] of Object.entries(b.dots)) {
      const t = (totals[id] ??= { B: 0, U: 0 })
      t[g] += n
    }
  }
  return totals
}

/** A round as the API shows it. */
export function roundView(r: VoteRoundRecord) {
  return { id: r.id, name: r.name, dots: r.dots, open: r.closedAt === null, openedAt: r.openedAt, closedAt: r.closedAt }
}
