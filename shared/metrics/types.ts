import type { BoardEvent } from '../events/element-event'
import type { Role } from '../roles'
import type { Concept, Link } from '../schema/board-map'
import type { StreamState } from './stream'

/** A participant as equity needs it: one per invite token or joined person. */
export interface MetricsParticipant {
  id: string
  role: Role
  /** Epoch ms of the first authenticated sync connection accepted; counted iff ≤ T. */
  firstConnectedAt: number
}

/** One pulse answer set. Items outside the integers 1–5 are treated as omitted. */
export interface PulseAnswer {
  participantId: string
  role: Role
  /** A later answer set replaces an earlier one of the same participant and session. */
  session?: string
  /** Epoch ms the answer was recorded; answers after T are ignored when given. */
  at?: number
  understood?: number
  learned?: number
  represents?: number
}

/** A link as the scorers read it: its id and endpoints. */
export type MetricsLink = Pick<Link, 'id' | 'from' | 'to'>

/**
 * What the scorers read of a map: the concepts' ids and the links' ids and endpoints. A BoardMap
 * is one; so is the lighter map a board's in-memory metrics log keeps (server/history).
 */
export interface MetricsMap {
  concepts: ReadonlyArray<Pick<Concept, 'id'>>
  links: readonly MetricsLink[]
  /** P (`propositions`), when whoever made the map has it at hand; the scorers work it out otherwise. */
  propositions?: readonly MetricsLink[]
}

export interface MetricsInput {
  /** T, epoch ms: every event with `at ≤ T` counts. */
  at: number
  /** The board's journal events (any order; all roles; those after T are ignored). */
  events: readonly BoardEvent[]
  participants: readonly MetricsParticipant[]
  /** The map as it stood at epoch ms t (after every update accepted at or before t). */
  mapAt: (t: number) => MetricsMap
  /** Pulse answers in the order they were recorded. */
  pulses?: readonly PulseAnswer[]
  /** Dot-vote rounds with their ballots (priorities, metrics.md 12). */
  votes?: readonly VoteRound[]
  /** The stream and the concepts' origins at T (stream, metrics.md 11); absent: every stream value null. */
  stream?: StreamState
}

/** One participant's ballot in a dot-vote round: dots per concept id. */
export interface VoteBallot {
  participantId: string
  role: Role
  /** Epoch ms the ballot was cast; a later ballot of the same participant replaces an earlier one. */
  at: number
  dots: Readonly<Record<string, number>>
}

/** A dot-vote round as priorities reads it. */
export interface VoteRound {
  id: string
  /** Epoch ms the round opened: breaks ties between rounds closed at the same moment. */
  openedAt: number
  /** Epoch ms the round closed (null while open: never scored). */
  closedAt: number | null
  ballots: readonly VoteBallot[]
}

export interface PulseItemSummary {
  brand: number | null
  customer: number | null
  overall: number | null
  count: { brand: number; customer: number }
}

export interface StructureScore {
  NP: number
  HH: number
  NCL: number
  score: number
  integrativeCrossLinks: number | null
}

/** The profile of metrics.md, with its names. */
export interface MetricsProfile {
  balance: number | null
  equity: number | null
  commonGround: number | null
  commonGroundCount: number
  bridging: number | null
  uptake: { brand: number | null; customer: number | null }
  reciprocity: number | null
  structure: StructureScore
  convergence: { delta: number | null; uptakeLatencyMedianSeconds: number | null }
  novelty: number | null
  pulse: { understood: PulseItemSummary; learned: PulseItemSummary; represents: PulseItemSummary }
  /** Dot votes of the latest round closed at or before T (metrics.md 12); every value null without one. */
  /** How much of the map came from the stream, and how much was built beyond it (metrics.md 11). */
  stream: {
    harvest: number | null
    beyond: number | null
    coverage: number | null
    harvestByGroup: { B: number | null; U: number | null }
  }
  priorities: {
    round: string | null
    agreement: number | null
    crossVote: { B: number | null; U: number | null }
    voters: { B: number | null; U: number | null }
  }
}
