import type { ParticipantView } from './history'
import type { LiveVoteRound } from '../sync/board-events'

/** The dot-vote shapes of the HTTP API (contract "Facilitating live"): the server builds them, the board reads them. */

/** Dots a round may give each voter, and the bounds of a ballot and a round's name. */
export const VOTE_LIMITS = { minDots: 1, maxDots: 10, defaultDots: 3, maxNameLength: 200, maxConceptIdLength: 200, maxEntries: 1000 } as const

/** Dots per concept by group (B brand, U customer). */
export type VoteTotals = Record<string, { B: number; U: number }>

/** A round as the vote-round routes answer it (the board's live state carries the same). */
export type VoteRoundView = LiveVoteRound

/** GET/PUT /api/boards/:id/vote-rounds/:rid/ballot: the participant's own ballot; totals once the round is closed. */
export interface BallotView {
  round: VoteRoundView
  dots: Record<string, number>
  at: number | null
  left: number
  totals?: VoteTotals
}

/** GET /api/boards/:id/vote-rounds: every round with its ballots and totals (facilitators). */
export interface VoteRoundsView {
  rounds: Array<VoteRoundView & { ballots: Array<{ participant: ParticipantView; dots: Record<string, number>; at: number }>; totals: VoteTotals }>
}
