import { CONTENT_LIMITS } from '../schema/element-fields'

/**
 * The board events our own clients opt in to (message type 101, docs/api.md "Board events"): what a
 * facilitator decides for everyone (a lock, a timer, a session, "bring everyone here") reaches every
 * open board at once. Only the server sends them, from state only facilitators can change over the
 * HTTP API, so no participant can fake one (presence, by contrast, is written by each client).
 */

/** The kind that follows varuint(101) in a message from the server. */
export const BoardEventKind = {
  /** varString(session id): a facilitator ended a session (the board asks the pulse). */
  sessionEnded: 0,
  /** varString(JSON LiveBoardState): on opting in, then whenever any of it changes. */
  state: 1,
  /** varString(JSON BringEveryone): move every view to the facilitator's. */
  bringEveryone: 2
} as const

/** A countdown a facilitator started for everyone; times are the server's epoch milliseconds. */
export interface BoardTimer {
  startedAt: number
  endsAt: number
}

export interface LiveBoardState {
  /** Brand and customer participants may not change the map. */
  locked: boolean
  /** The running countdown, or null (none started, or it ended). */
  timer: BoardTimer | null
  /** The marked session running now, or null. */
  session: { id: string; name: string; start: number } | null
  /**
   * The board's latest dot-vote round (open, or the last one closed), or null before the first.
   * Absent from servers older than dot votes.
   */
  vote?: LiveVoteRound | null
  /** The server's clock when this was sent: clients count the timer down against it, not their own. */
  now: number
}

/** A dot-vote round as every open board hears of it. */
export interface LiveVoteRound {
  id: string
  name: string
  /** Dots per brand or customer participant. */
  dots: number
  open: boolean
  openedAt: number
  closedAt: number | null
}

/** A rectangle of the map, in map coordinates: what a view shows. */
export interface MapView {
  x: number
  y: number
  w: number
  h: number
}

export interface BringEveryone {
  by: { id: string; name: string | null }
  view: MapView
}

/** Timers run from ten seconds to three hours. */
export const TIMER_LIMITS = { minSeconds: 10, maxSeconds: 3 * 60 * 60 } as const

/** A view a client may be moved to: finite, on the map's drawable range, not degenerate. */
export function isMapView(value: unknown, maxCoordinate: number = CONTENT_LIMITS.maxCoordinate): value is MapView {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= maxCoordinate
  return finite(v.x) && finite(v.y) && finite(v.w) && finite(v.h) && (v.w as number) > 0 && (v.h as number) > 0
}
