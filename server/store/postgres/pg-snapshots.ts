import type pg from 'pg'
import type { SnapshotSummary } from '../../../shared/api/snapshots'
import type { SnapshotRecord, SnapshotStore } from '../snapshots'

const SNAPSHOT_ID = /^[A-Za-z0-9_-]{1,64}$/

const summaryOf = (s: SnapshotRecord): SnapshotSummary =>
  ({ id: s.id, boardId: s.boardId, name: s.name, at: s.at, seq: s.seq, kind: s.kind, createdAt: s.createdAt })

/** One row per snapshot; listing reads the summary column, never the maps. */
export function pgSnapshots(pool: pg.Pool): SnapshotStore {
  return {
    async create(snapshot) {
      if (!SNAPSHOT_ID.test(snapshot.id)) throw new Error('invalid snapshot id')
      await pool.query(
        `INSERT INTO snapshots (board_id, id, at, created_at, summary, data) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (board_id, id) DO UPDATE
         SET at = EXCLUDED.at, created_at = EXCLUDED.created_at, summary = EXCLUDED.summary, data = EXCLUDED.data`,
        [snapshot.boardId, snapshot.id, snapshot.at, snapshot.createdAt, JSON.stringify(summaryOf(snapshot)), JSON.stringify(snapshot)]
      )
    },
    async list(boardId) {
      const res = await pool.query<{ summary: SnapshotSummary }>(
        'SELECT summary FROM snapshots WHERE board_id = $1 ORDER BY at, created_at',
        [boardId]
      )
      return res.rows.map((r) => r.summary)
    },
    async get(boardId, id) {
      const res = await pool.query<{ data: SnapshotRecord }>('SELECT data FROM snapshots WHERE board_id = $1 AND id = $2', [boardId, id])
      return res.rows[0]?.data ?? null
    }
  }
}
