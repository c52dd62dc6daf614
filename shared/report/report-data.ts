import type { BoardSession } from '../api/sessions'
import type { PermutationBaseline } from '../metrics/permutation-baseline'
import type { MetricsProfile } from '../metrics/types'
import type { Group, Role } from '../roles'
import type { PulseDistribution } from './pulse-distribution'

export interface ReportPerson {
  id: string
  name: string | null
  role: Role
  group: Group | null
}

/** One moment of the profile over the scope's time. */
export interface TimelinePoint {
  at: number
  /** `sample`: evenly spaced moments; `snapshot`: a snapshot's moment (its name given). */
  source: 'sample' | 'snapshot'
  name?: string
  metrics: MetricsProfile
}

/** Events of one author (or one group) by kind, with the uptake events among the content ones. */
export interface ContributionCounts {
  create: number
  relabel: number
  reconnect: number
  delete: number
  move: number
  restyle: number
  /** create + relabel + reconnect + delete (metrics.md "content events"). */
  content: number
  /** Content events that are uptake by metrics.md rule 5 (B and U only; 0 for others). */
  uptake: number
}

export interface PersonContribution extends ContributionCounts {
  person: ReportPerson
}

export interface GroupContribution extends ContributionCounts {
  group: Group
  /** Participants of the group in the scope (equity's set). */
  people: number
}

/** `from` built on `to`'s work `weight` times; `uptake` when they are of different groups (metrics.md 5). */
export interface NetworkEdge {
  from: string
  to: string
  weight: number
  uptake: boolean
}

export interface UptakeNetwork {
  /** Participant ids: every B/U participant of the scope, in id order. */
  nodes: string[]
  edges: NetworkEdge[]
}

/**
 * Everything the facilitator report shows, as `GET /api/boards/:id/report` returns it, but the map's
 * picture: `GET …/report/picture?at=T` draws that (the SVG export without its heading, concepts
 * outlined by the side that created them; every label escaped).
 */
export interface ReportData {
  board: { id: string; title: string; focusQuestion: string }
  /** Every session of the board (for the picker), oldest first. */
  sessions: BoardSession[]
  /** The session the report is scoped to; null for the whole board. */
  session: BoardSession | null
  /** The scope's time: from its first moment to T (the moment of the profile). */
  from: number
  at: number
  generatedAt: number
  profile: MetricsProfile
  baseline: PermutationBaseline
  timeline: TimelinePoint[]
  people: ReportPerson[]
  contributions: { people: PersonContribution[]; groups: GroupContribution[] }
  network: UptakeNetwork
  pulse: PulseDistribution
  /** The dot-vote round priorities scores (the latest closed at or before T), per concept by side; null without one. */
  votes?: ReportVotes | null
}

/** A closed dot-vote round's dots per concept and side, most dots first. */
export interface ReportVotes {
  round: { id: string; name: string; dots: number; openedAt: number; closedAt: number }
  /** `label` as the concept stood at T (null: gone by then). */
  concepts: Array<{ id: string; label: string | null; B: number; U: number }>
}
