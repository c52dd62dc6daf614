import type { Concept, Link } from '../schema/board-map'
import type { Role } from '../roles'

/**
 * The history shapes of the HTTP API (docs/api.md, "History, replay and snapshots"), defined once:
 * the server's routes build them, the replay page and tests read them.
 */

/** Who did something, as history, ballots and pulse answers name them. */
export interface ParticipantView {
  id: string
  name: string | null
  role: Role
}

/** One element event of GET /api/boards/:id/history. */
export interface HistoryEvent {
  /** Event number (strictly rising per board). */
  seq: number
  /** The journal entry that made the event (events of one update share it, their time and author). */
  update: number
  at: number
  participant: ParticipantView
  kind: 'create' | 'relabel' | 'reconnect' | 'delete' | 'move' | 'restyle'
  element: { type: 'concept' | 'link'; id: string; from?: string; to?: string; label?: string }
}

/** GET /api/boards/:id/history: a page of events; `next` is the following page's `after`, null on the last. */
export interface HistoryPage {
  events: HistoryEvent[]
  next: number | null
}

/** GET /api/boards/:id/map: the map as it stood at `at`, links only where both concepts stand. */
export interface MapAt {
  at: number
  title: string
  focusQuestion: string
  concepts: Concept[]
  links: Link[]
}
