import type { MetricsProfile } from '../metrics/types'
import type { BoardMap, Concept } from '../schema/board-map'

/** A snapshot as GET/POST /api/boards/:id/snapshots answer it: the frozen map's summary, without the map. */
export interface SnapshotSummary {
  id: string
  boardId: string
  name: string
  /** The moment captured (epoch ms). */
  at: number
  /** The last journal entry included. */
  seq: number
  kind: SnapshotKind
  createdAt: number
}

export type SnapshotKind = 'manual' | 'scheduled' | 'session-end'

/** POST /api/boards/:id/snapshots: the snapshot taken, with its metrics (null if they could not be computed). */
export type TakenSnapshot = Omit<SnapshotSummary, 'boardId'> & { metrics: MetricsProfile | null }

/** GET /api/boards/:id/snapshots/:sid: the snapshot with its frozen map. */
export type Snapshot = TakenSnapshot & { map: BoardMap }

/** A proposition in a comparison: the link and its sentence with the concepts' labels at that time. */
export interface PropositionView {
  id: string
  from: string
  to: string
  label: string
  /** "Delivery builds Trust". */
  sentence: string
}

/** What changed from one map to another, as CmapTools' "compare two Cmaps" reports it. */
export interface MapComparison {
  concepts: {
    added: Concept[]
    removed: Concept[]
    relabelled: Array<{ id: string; before: string; after: string }>
  }
  propositions: {
    added: PropositionView[]
    removed: PropositionView[]
    /** Same link, new linking phrase. */
    relabelled: Array<{ id: string; before: PropositionView; after: PropositionView }>
    /** Same link, other endpoints. */
    reconnected: Array<{ id: string; before: PropositionView; after: PropositionView }>
  }
}

/** GET /api/boards/:id/snapshots/compare?a=&b=. */
export interface SnapshotComparison {
  a: SnapshotSummary
  b: SnapshotSummary
  changes: MapComparison
}
