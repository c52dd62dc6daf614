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
