import type { RecurringProposition } from '../compare/recurring-propositions'
import type { MetricsProfile } from '../metrics/types'

/** The shapes of the comparison across workshops (docs/api.md, "Synthesis"): the server builds them, the console reads them. */

/** Boards a comparison takes at most: each costs a scoring and a pass over its history. */
export const MAX_COMPARED_BOARDS = 12

/** One entry of `boards=`: a board, or one session of it (`boardId:sessionId`). */
export interface CompareTarget {
  boardId: string
  session?: string
}

/** One compared board (or session) with its profile. */
export interface ComparedProfile {
  id: string
  board: string
  session: string | null
  title: string
  focusQuestion: string
  at: number
  metrics: MetricsProfile
}

/** GET /api/compare?boards=…&k=…. */
export interface Comparison {
  boards: ComparedProfile[]
  /** Propositions in at least `k` of the boards. */
  k: number
  propositions: RecurringProposition[]
}
