import type { z } from 'zod'
import { route } from '../route'
import type { BallotBody, BringEveryoneBody, ExportTicketBody, LiveQuery, OpenRoundBody, TimerBody } from '../schemas/live'
import type { BallotView, VoteRoundsView, VoteRoundView } from '../votes'

/** A single-use ticket for a URL that must not carry a token (an export link, the live stream). */
export interface Ticket {
  ticket: string
  expiresAt: number
}

/**
 * What a facilitator does for everyone at once, dot votes and tickets (docs/api.md, "Board events";
 * contract "Facilitating live"). The server validates each body with the schema named here.
 */
export const LIVE_API = {
  startTimer: route<{ timer: { startedAt: number; endsAt: number } }, undefined, z.input<typeof TimerBody>>()('PUT', '/api/boards/:id/timer'),
  stopTimer: route<{ timer: null }>()('DELETE', '/api/boards/:id/timer'),
  bringEveryone: route<{ told: number }, undefined, z.input<typeof BringEveryoneBody>>()('POST', '/api/boards/:id/bring-everyone'),
  openVoteRound: route<VoteRoundView, undefined, z.input<typeof OpenRoundBody>>()('POST', '/api/boards/:id/vote-rounds'),
  closeVoteRound: route<VoteRoundView>()('POST', '/api/boards/:id/vote-rounds/:rid/close'),
  voteRounds: route<VoteRoundsView>()('GET', '/api/boards/:id/vote-rounds'),
  castBallot: route<BallotView, undefined, z.input<typeof BallotBody>>()('PUT', '/api/boards/:id/vote-rounds/:rid/ballot'),
  ballot: route<BallotView>()('GET', '/api/boards/:id/vote-rounds/:rid/ballot'),
  exportTicket: route<Ticket, undefined, z.input<typeof ExportTicketBody>>()('POST', '/api/boards/:id/export-tickets'),
  liveTicket: route<Ticket>()('POST', '/api/boards/:id/live-tickets'),
  /** An event stream (EventSource, with a live ticket): the client takes only its URL from here. */
  live: route<never, z.input<typeof LiveQuery>>()('GET', '/api/boards/:id/live')
} as const
