import type { SnapshotSummary } from '../../shared/api/snapshots'
import type { MetricsProfile } from '../../shared/metrics/types'
import type { BoardMap } from '../../shared/schema/board-map'

/** A named, frozen copy of a board's map at a moment, with the scores it had then. */
export interface SnapshotRecord extends SnapshotSummary {
  map: BoardMap
  /** The metrics profile as of `at`; null when it could not be computed. */
  metrics: MetricsProfile | null
}

export interface SnapshotStore {
  create(snapshot: SnapshotRecord): Promise<void>
  /** Oldest first, without maps. */
  list(boardId: string): Promise<SnapshotSummary[]>
  get(boardId: string, id: string): Promise<SnapshotRecord | null>
}
