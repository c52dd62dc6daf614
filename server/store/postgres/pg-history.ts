import type pg from 'pg'
import type { BoardHistory, HistoryPosition, HistoryRecord, HistoryStore, KeyframeInfo, MapKeyframe } from '../history'
import { num } from './pg-pool'

/** Rows per INSERT when appending many records (a rebuild derives thousands at once). */
const INSERT_CHUNK = 500

/**
 * A board's derived history as rows. It is a cache of the journal, deterministic in it, so when two
 * instances serve one board and both derive the same record, the second write is simply ignored.
 */
class PgHistory implements BoardHistory {
  private position: HistoryPosition = { lastSeq: 0, lastAt: 0, eventCount: 0 }

  constructor(
    private readonly pool: pg.Pool,
    private readonly boardId: string
  ) {}

  async open(): Promise<HistoryPosition> {
    const res = await this.pool.query<{ seq: string; at: number; event_count: string }>(
      'SELECT seq, at, event_count FROM history_records WHERE board_id = $1 ORDER BY seq DESC LIMIT 1',
      [this.boardId]
    )
    const r = res.rows[0]
    this.position = r ? { lastSeq: num(r.seq), lastAt: r.at, eventCount: num(r.event_count) } : { lastSeq: 0, lastAt: 0, eventCount: 0 }
    return { ...this.position }
  }

  async append(records: readonly HistoryRecord[]): Promise<void> {
    let expected = this.position.lastSeq + 1
    for (const r of records) {
      if (r.seq !== expected) throw new Error(`history record ${r.seq} does not follow ${expected - 1}`)
      expected++
    }
    for (let i = 0; i < records.length; i += INSERT_CHUNK) {
      const chunk = records.slice(i, i + INSERT_CHUNK)
      await this.pool.query(
        `INSERT INTO history_records (board_id, seq, at, event_count, data)
         SELECT $1, u.seq, u.at, u.n, u.d FROM unnest($2::bigint[], $3::float8[], $4::bigint[], $5::json[]) AS u(seq, at, n, d)
         ON CONFLICT (board_id, seq) DO NOTHING`,
        [
          this.boardId,
          chunk.map((r) => r.seq),
          chunk.map((r) => r.at),
          chunk.map((r) => r.eventsBefore + r.events.length),
          chunk.map((r) => JSON.stringify(r))
        ]
      )
    }
    const last = records.at(-1)
    if (last) this.position = { lastSeq: last.seq, lastAt: last.at, eventCount: last.eventsBefore + last.events.length }
  }

  async read(afterSeq: number, limit: number): Promise<HistoryRecord[]> {
    if (limit <= 0) return []
    const res = await this.pool.query<{ data: HistoryRecord }>(
      'SELECT data FROM history_records WHERE board_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [this.boardId, Math.max(0, afterSeq), limit]
    )
    return res.rows.map((r) => r.data)
  }

  async writeKeyframe(keyframe: MapKeyframe): Promise<void> {
    if (keyframe.seq < 1 || keyframe.seq > this.position.lastSeq) throw new Error(`no history record ${keyframe.seq}`)
    await this.pool.query(
      `INSERT INTO history_keyframes (board_id, seq, at, event_count, map) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (board_id, seq) DO UPDATE SET at = EXCLUDED.at, event_count = EXCLUDED.event_count, map = EXCLUDED.map`,
      [this.boardId, keyframe.seq, keyframe.at, keyframe.eventCount, JSON.stringify(keyframe.map)]
    )
  }

  async keyframes(): Promise<KeyframeInfo[]> {
    const res = await this.pool.query<{ seq: string; at: number; event_count: string }>(
      'SELECT seq, at, event_count FROM history_keyframes WHERE board_id = $1 ORDER BY seq',
      [this.boardId]
    )
    return res.rows.map((r) => ({ seq: num(r.seq), at: r.at, eventCount: num(r.event_count) }))
  }

  async readKeyframe(seq: number): Promise<MapKeyframe | null> {
    const res = await this.pool.query<{ seq: string; at: number; event_count: string; map: MapKeyframe['map'] }>(
      'SELECT seq, at, event_count, map FROM history_keyframes WHERE board_id = $1 AND seq = $2',
      [this.boardId, seq]
    )
    const r = res.rows[0]
    return r ? { seq: num(r.seq), at: r.at, eventCount: num(r.event_count), map: r.map } : null
  }

  async clear(): Promise<void> {
    await this.pool.query('DELETE FROM history_keyframes WHERE board_id = $1', [this.boardId])
    await this.pool.query('DELETE FROM history_records WHERE board_id = $1', [this.boardId])
    this.position = { lastSeq: 0, lastAt: 0, eventCount: 0 }
  }

  async close(): Promise<void> {}
}

export function pgHistory(pool: pg.Pool): HistoryStore {
  return {
    async open(boardId) {
      return new PgHistory(pool, boardId)
    }
  }
}
