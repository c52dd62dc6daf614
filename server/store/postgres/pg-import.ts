import type pg from 'pg'
import type { Checkpoint, JournalEntry } from '../journal'
import type { BallotRecord, BoardRecord, InviteRecord, ParticipantRecord, PulseRecord, SessionMarkRecord, VoteRoundRecord } from '../metadata'
import type { SnapshotRecord } from '../snapshots'
import { inTransaction, num } from './pg-pool'

/** Everything stored for one board, as another store holds it: what a migration copies. */
export interface BoardBundle {
  board: BoardRecord
  invites: InviteRecord[]
  participants: ParticipantRecord[]
  sessionMarks: SessionMarkRecord[]
  /** In the order recorded. */
  pulses: PulseRecord[]
  /** Dot-vote rounds, oldest first, and their ballots in the order cast. */
  voteRounds: VoteRoundRecord[]
  ballots: BallotRecord[]
  /** Seqs 1…n, gap-free. */
  entries: JournalEntry[]
  checkpoints: Checkpoint[]
  snapshots: SnapshotRecord[]
}

/** Per board, what the target holds: compared with the source after a migration. */
export interface BoardCounts {
  invites: number
  participants: number
  sessionMarks: number
  pulses: number
  voteRounds: number
  ballots: number
  entries: number
  lastSeq: number
  updateBytes: number
  checkpoints: number
  snapshots: number
}

const ROWS_PER_INSERT = 1000
const bytes = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength)

/** Board ids among `ids` the target already has metadata or a journal for. */
export async function existingBoards(pool: pg.Pool, ids: string[]): Promise<string[]> {
  const res = await pool.query<{ id: string }>(
    `SELECT id FROM boards WHERE id = ANY($1) UNION SELECT board_id FROM journal_heads WHERE board_id = ANY($1)`,
    [ids]
  )
  return res.rows.map((r) => r.id)
}

/** Writes one board in one transaction: after a failure the target has all of it or none of it. */
export async function importBoard(pool: pg.Pool, b: BoardBundle): Promise<void> {
  await inTransaction(pool, async (c) => {
    const id = b.board.id
    await c.query('INSERT INTO boards (id, data) VALUES ($1, $2)', [id, JSON.stringify(b.board)])
    // One row at a time where order matters: each takes the next `ord`, as it would have when created.
    for (const i of b.invites) {
      await c.query('INSERT INTO invites (id, board_id, created_at, data) VALUES ($1, $2, $3, $4)', [i.id, i.boardId, i.createdAt, JSON.stringify(i)])
    }
    for (const p of b.participants) {
      await c.query('INSERT INTO participants (id, board_id, data) VALUES ($1, $2, $3)', [p.id, p.boardId, JSON.stringify(p)])
    }
    for (const m of b.sessionMarks) {
      await c.query('INSERT INTO session_marks (id, board_id, started_at, data) VALUES ($1, $2, $3, $4)', [m.id, m.boardId, m.startedAt, JSON.stringify(m)])
    }
    for (const p of b.pulses) {
      await c.query(`INSERT INTO pulses (board_id, session, participant_id, ord, data) VALUES ($1, $2, $3, nextval('pulses_ord'), $4)`, [
        p.boardId,
        p.session,
        p.participantId,
        JSON.stringify(p)
      ])
    }
    for (const r of b.voteRounds) {
      await c.query('INSERT INTO vote_rounds (id, board_id, opened_at, open, data) VALUES ($1, $2, $3, $4, $5)', [
        r.id,
        r.boardId,
        r.openedAt,
        r.closedAt === null,
        JSON.stringify(r)
      ])
    }
    for (const v of b.ballots) {
      await c.query(`INSERT INTO vote_ballots (board_id, round_id, participant_id, ord, data) VALUES ($1, $2, $3, nextval('vote_ballots_ord'), $4)`, [
        v.boardId,
        v.roundId,
        v.participantId,
        JSON.stringify(v)
      ])
    }
    for (let k = 0; k < b.entries.length; k += ROWS_PER_INSERT) {
      const chunk = b.entries.slice(k, k + ROWS_PER_INSERT)
      await c.query(
        `INSERT INTO journal_entries (board_id, seq, at, participant_id, update)
         SELECT $1, u.seq, u.at, u.p, u.d FROM unnest($2::bigint[], $3::float8[], $4::text[], $5::bytea[]) AS u(seq, at, p, d)`,
        [id, chunk.map((e) => e.seq), chunk.map((e) => e.at), chunk.map((e) => e.participantId), chunk.map((e) => bytes(e.update))]
      )
    }
    const last = b.entries.at(-1)
    await c.query('INSERT INTO journal_heads (board_id, last_seq, last_at) VALUES ($1, $2, $3)', [id, last?.seq ?? 0, last?.at ?? 0])
    for (const cp of b.checkpoints) {
      await c.query('INSERT INTO checkpoints (board_id, seq, at, state) VALUES ($1, $2, $3, $4)', [id, cp.seq, cp.at, bytes(cp.state)])
    }
    for (const s of b.snapshots) {
      const summary = { id: s.id, boardId: s.boardId, name: s.name, at: s.at, seq: s.seq, kind: s.kind, createdAt: s.createdAt }
      await c.query('INSERT INTO snapshots (board_id, id, at, created_at, summary, data) VALUES ($1, $2, $3, $4, $5, $6)', [
        s.boardId,
        s.id,
        s.at,
        s.createdAt,
        JSON.stringify(summary),
        JSON.stringify(s)
      ])
    }
  })
}

/** Counts what the target holds for a board, straight from the tables. */
export async function countBoard(pool: pg.Pool, boardId: string): Promise<BoardCounts> {
  const res = await pool.query(
    `SELECT
       (SELECT count(*) FROM invites WHERE board_id = $1) AS invites,
       (SELECT count(*) FROM participants WHERE board_id = $1) AS participants,
       (SELECT count(*) FROM session_marks WHERE board_id = $1) AS session_marks,
       (SELECT count(*) FROM pulses WHERE board_id = $1) AS pulses,
       (SELECT count(*) FROM vote_rounds WHERE board_id = $1) AS vote_rounds,
       (SELECT count(*) FROM vote_ballots WHERE board_id = $1) AS ballots,
       (SELECT count(*) FROM journal_entries WHERE board_id = $1) AS entries,
       (SELECT coalesce(max(seq), 0) FROM journal_entries WHERE board_id = $1) AS last_seq,
       (SELECT coalesce(sum(octet_length(update)), 0) FROM journal_entries WHERE board_id = $1) AS update_bytes,
       (SELECT count(*) FROM checkpoints WHERE board_id = $1) AS checkpoints,
       (SELECT count(*) FROM snapshots WHERE board_id = $1) AS snapshots`,
    [boardId]
  )
  const r = res.rows[0]
  return {
    invites: num(r.invites),
    participants: num(r.participants),
    sessionMarks: num(r.session_marks),
    pulses: num(r.pulses),
    voteRounds: num(r.vote_rounds),
    ballots: num(r.ballots),
    entries: num(r.entries),
    lastSeq: num(r.last_seq),
    updateBytes: num(r.update_bytes),
    checkpoints: num(r.checkpoints),
    snapshots: num(r.snapshots)
  }
}

/** A secret the target already holds, or null. */
export async function readSecret(pool: pg.Pool, name: string): Promise<string | null> {
  const res = await pool.query<{ value: string }>('SELECT value FROM secrets WHERE name = $1', [name])
  return res.rows[0]?.value ?? null
}

export async function writeSecret(pool: pg.Pool, name: string, value: string): Promise<void> {
  await pool.query('INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value', [name, value])
}

export async function countAllBoards(pool: pg.Pool): Promise<number> {
  return num((await pool.query('SELECT count(*) AS n FROM boards')).rows[0].n)
}
