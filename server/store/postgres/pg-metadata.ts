import type pg from 'pg'
import type { BallotRecord, BoardRecord, InviteRecord, MetadataStore, ParticipantRecord, PulseRecord, PulseWrite, SessionMarkRecord, VoteRoundRecord } from '../metadata'
import { inTransaction } from './pg-pool'

/** A table of JSON records keyed by id, with the columns its queries need derived from the record. */
interface RecordTable<T> {
  name: 'boards' | 'invites' | 'participants' | 'session_marks'
  columns: (record: T) => Record<string, unknown>
}

const boards: RecordTable<BoardRecord> = { name: 'boards', columns: () => ({}) }
const invites: RecordTable<InviteRecord> = { name: 'invites', columns: (r) => ({ board_id: r.boardId, created_at: r.createdAt }) }
const participants: RecordTable<ParticipantRecord> = { name: 'participants', columns: (r) => ({ board_id: r.boardId }) }
const sessionMarks: RecordTable<SessionMarkRecord> = {
  name: 'session_marks',
  columns: (r) => ({ board_id: r.boardId, started_at: r.startedAt })
}

/** Boards, invites, participants, session marks and pulses as rows; every record read is a fresh copy. */
export function pgMetadata(pool: pg.Pool): MetadataStore {
  async function insert<T extends { id: string }>(table: RecordTable<T>, record: T): Promise<void> {
    const cols = table.columns(record)
    const names = ['id', ...Object.keys(cols), 'data']
    const values = [record.id, ...Object.values(cols), JSON.stringify(record)]
    const set = names.slice(1).map((n) => `${n} = EXCLUDED.${n}`).join(', ')
    // Creating an existing id replaces it, as the embedded store does.
    await pool.query(
      `INSERT INTO ${table.name} (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${set}`,
      values
    )
  }

  async function get<T>(table: RecordTable<T>, id: string): Promise<T | null> {
    const res = await pool.query<{ data: T }>(`SELECT data FROM ${table.name} WHERE id = $1`, [id])
    return res.rows[0]?.data ?? null
  }

  async function list<T>(table: RecordTable<T>, where: string, order: string, params: unknown[]): Promise<T[]> {
    const res = await pool.query<{ data: T }>(`SELECT data FROM ${table.name} ${where} ORDER BY ${order}`, params)
    return res.rows.map((r) => r.data)
  }

  function patch<T extends { id: string }>(table: RecordTable<T>, id: string, changes: Partial<Omit<T, 'id'>>): Promise<T | null> {
    // Read, merge and write under the row's lock, so two instances patching one record lose nothing.
    return inTransaction(pool, async (client) => {
      const res = await client.query<{ data: T }>(`SELECT data FROM ${table.name} WHERE id = $1 FOR UPDATE`, [id])
      const current = res.rows[0]?.data
      if (!current) return null
      const next = JSON.parse(JSON.stringify({ ...current, ...changes, id })) as T
      const cols = table.columns(next)
      const names = [...Object.keys(cols), 'data']
      await client.query(`UPDATE ${table.name} SET ${names.map((n, i) => `${n} = $${i + 2}`).join(', ')} WHERE id = $1`, [
        id,
        ...Object.values(cols),
        JSON.stringify(next)
      ])
      return next
    })
  }

  return {
    createBoard: (board) => insert(boards, board),
    getBoard: (id) => get(boards, id),
    listBoards: () => list(boards, '', 'ord', []),
    updateBoard: (id, changes) => patch(boards, id, changes),
    createInvite: (invite) => insert(invites, invite),
    getInvite: (id) => get(invites, id),
    updateInvite: (id, changes) => patch(invites, id, changes),
    listInvites: (boardId) => list(invites, 'WHERE board_id = $1', 'created_at, ord', [boardId]),
    findInviteByCode: async (code) => (await list(invites, "WHERE data->>'code' = $1", 'ord', [code]))[0] ?? null,
    createParticipant: (participant) => insert(participants, participant),
    getParticipant: (id) => get(participants, id),
    listParticipants: (boardId) => list(participants, 'WHERE board_id = $1', 'ord', [boardId]),
    updateParticipant: (id, changes) => patch(participants, id, changes),
    createSessionMark: (mark) => insert(sessionMarks, mark),
    listSessionMarks: (boardId) => list(sessionMarks, 'WHERE board_id = $1', 'started_at, ord', [boardId]),
    updateSessionMark: (id, changes) => patch(sessionMarks, id, changes),
    async recordPulse(pulse: PulseRecord, options?: { keepEarlier?: boolean }): Promise<PulseWrite> {
      // One statement decides, so instances answering at once agree. A fresh ord on every write: a
      // replaced answer set moves to the end, as recorded. xmax is 0 on a row this statement inserted.
      const res = await pool.query<{ inserted: boolean }>(
        `INSERT INTO pulses (board_id, session, participant_id, ord, data) VALUES ($1, $2, $3, nextval('pulses_ord'), $4)
         ON CONFLICT (board_id, session, participant_id) DO ${options?.keepEarlier ? 'NOTHING' : 'UPDATE SET ord = EXCLUDED.ord, data = EXCLUDED.data'}
         RETURNING (xmax = 0) AS inserted`,
        [pulse.boardId, pulse.session, pulse.participantId, JSON.stringify(pulse)]
      )
      const row = res.rows[0]
      return !row ? 'kept' : row.inserted ? 'recorded' : 'replaced'
    },
    async listPulses(boardId) {
      const res = await pool.query<{ data: PulseRecord }>('SELECT data FROM pulses WHERE board_id = $1 ORDER BY ord', [boardId])
      return res.rows.map((r) => r.data)
    },
    async openVoteRound(round: VoteRoundRecord) {
      // The partial unique index on open rounds decides between instances opening at once.
      const res = await pool.query(
        `INSERT INTO vote_rounds (id, board_id, opened_at, open, data) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [round.id, round.boardId, round.openedAt, round.closedAt === null, JSON.stringify(round)]
      )
      return res.rowCount === 1
    },
    async listVoteRounds(boardId) {
      const res = await pool.query<{ data: VoteRoundRecord }>('SELECT data FROM vote_rounds WHERE board_id = $1 ORDER BY opened_at, ord', [boardId])
      return res.rows.map((r) => r.data)
    },
    closeVoteRound(boardId, id, closedAt) {
      return inTransaction(pool, async (client) => {
        const res = await client.query<{ data: VoteRoundRecord }>('SELECT data FROM vote_rounds WHERE id = $1 AND board_id = $2 FOR UPDATE', [id, boardId])
        const current = res.rows[0]?.data
        if (!current || current.closedAt !== null) return current ?? null
        const next: VoteRoundRecord = { ...current, closedAt }
        await client.query('UPDATE vote_rounds SET open = false, data = $2 WHERE id = $1', [id, JSON.stringify(next)])
        return next
      })
    },
    castBallot(ballot: BallotRecord) {
      // Under the round's row lock: a close either happens before (the ballot is refused) or waits for it.
      return inTransaction(pool, async (client) => {
        const res = await client.query<{ open: boolean }>('SELECT open FROM vote_rounds WHERE id = $1 AND board_id = $2 FOR SHARE', [
          ballot.roundId,
          ballot.boardId
        ])
        const round = res.rows[0]
        if (!round) return 'missing' as const
        if (!round.open) return 'closed' as const
        await client.query(
          `INSERT INTO vote_ballots (board_id, round_id, participant_id, ord, data) VALUES ($1, $2, $3, nextval('vote_ballots_ord'), $4)
           ON CONFLICT (round_id, participant_id) DO UPDATE SET ord = EXCLUDED.ord, data = EXCLUDED.data`,
          [ballot.boardId, ballot.roundId, ballot.participantId, JSON.stringify(ballot)]
        )
        return 'cast' as const
      })
    },
    async listBallots(boardId) {
      const res = await pool.query<{ data: BallotRecord }>('SELECT data FROM vote_ballots WHERE board_id = $1 ORDER BY ord', [boardId])
      return res.rows.map((r) => r.data)
    },
    // The pool belongs to the store, which ends it.
    async close() {}
  }
}
