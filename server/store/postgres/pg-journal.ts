import type pg from 'pg'
import type { Logger } from '../../log'
import { JournalDamagedError, type BoardJournal, type Checkpoint, type JournalEntry, type LoadedJournal } from '../journal'
import type { JournalTelemetry } from '../journal-telemetry'
import { inTransaction, num } from './pg-pool'

/** A batch stops growing at this many entries or bytes, so one transaction stays short. */
const MAX_BATCH_ENTRIES = 256
const MAX_BATCH_BYTES = 4 * 1024 * 1024

interface Pending {
  entry: Omit<JournalEntry, 'seq'>
  resolve: (entry: JournalEntry) => void
  reject: (error: Error) => void
}

interface EntryRow {
  seq: string
  at: number
  participant_id: string
  update: Buffer
}

const toEntry = (r: EntryRow): JournalEntry => ({
  seq: num(r.seq),
  at: r.at,
  participantId: r.participant_id,
  update: new Uint8Array(r.update)
})

/**
 * A board's journal in PostgreSQL. An append resolves once its transaction has committed, which is
 * durability here (synchronous commit), so `onDurable` follows each commit. The seq comes from the
 * board's head row, locked in that transaction: gap-free and ordered whichever instance appends.
 * Appends arriving while a transaction is in flight are committed together in the next one.
 */
export class PgJournal implements BoardJournal {
  private pending: Pending[] = []
  private draining: Promise<void> | null = null
  private lastSeq = 0
  private failure: Error | null = null
  private closed = false
  private readonly durableListeners: Array<(seq: number) => void> = []
  private readonly failureListeners: Array<(error: Error) => void> = []

  constructor(
    private readonly pool: pg.Pool,
    private readonly boardId: string,
    private readonly log: Logger,
    /** Each commit is this store's durability work, as an fsync is the embedded journal's. */
    private readonly telemetry?: JournalTelemetry
  ) {}

  async load(): Promise<LoadedJournal> {
    // One snapshot of the board: the checkpoint, the entries after it and the head always agree.
    return inTransaction(
      this.pool,
      async (client) => {
        const head = await client.query<{ last_seq: string; last_at: number }>(
          'SELECT last_seq, last_at FROM journal_heads WHERE board_id = $1',
          [this.boardId]
        )
        const lastSeq = head.rows[0] ? num(head.rows[0].last_seq) : 0
        const lastAt = head.rows[0]?.last_at ?? 0
        const cp = await client.query<{ seq: string; at: number; state: Buffer }>(
          'SELECT seq, at, state FROM checkpoints WHERE board_id = $1 AND seq <= $2 ORDER BY seq DESC LIMIT 1',
          [this.boardId, lastSeq]
        )
        const checkpoint = cp.rows[0] ? { seq: num(cp.rows[0].seq), at: cp.rows[0].at, state: new Uint8Array(cp.rows[0].state) } : null
        const rows = await client.query<EntryRow>(
          'SELECT seq, at, participant_id, update FROM journal_entries WHERE board_id = $1 AND seq > $2 ORDER BY seq',
          [this.boardId, checkpoint?.seq ?? 0]
        )
        const tail = rows.rows.map(toEntry)
        let expected = (checkpoint?.seq ?? 0) + 1
        for (const e of tail) {
          if (e.seq !== expected) throw new JournalDamagedError(`board ${this.boardId}: journal entry ${expected} is missing (found ${e.seq})`)
          expected++
        }
        if (expected - 1 !== lastSeq) {
          throw new JournalDamagedError(`board ${this.boardId}: journal ends at ${expected - 1} but its head says ${lastSeq}`)
        }
        this.lastSeq = lastSeq
        return { checkpoint, tail, lastSeq, lastAt }
      },
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'
    )
  }

  append(entry: Omit<JournalEntry, 'seq'>): Promise<JournalEntry> {
    if (this.failure) return Promise.reject(this.failure)
    if (this.closed) return Promise.reject(new Error('journal is closed'))
    return new Promise<JournalEntry>((resolve, reject) => {
      this.pending.push({ entry, resolve, reject })
      this.draining ??= this.drain()
    })
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0 && !this.failure) {
        const batch = this.takeBatch()
        try {
          await this.commit(batch)
        } catch (e) {
          this.fail(e as Error, batch)
        }
      }
    } finally {
      this.draining = null
    }
  }

  private takeBatch(): Pending[] {
    let bytes = 0
    let n = 0
    while (n < this.pending.length && n < MAX_BATCH_ENTRIES && (n === 0 || bytes < MAX_BATCH_BYTES)) {
      bytes += this.pending[n]!.entry.update.byteLength
      n++
    }
    return this.pending.splice(0, n)
  }

  private async commit(batch: Pending[]): Promise<void> {
    const started = performance.now()
    const res = await this.pool.query<{ prev_seq: string; prev_at: number }>('SELECT prev_seq, prev_at FROM journal_append($1, $2, $3, $4)', [
      this.boardId,
      batch.map((p) => p.entry.at),
      batch.map((p) => p.entry.participantId),
      batch.map((p) => Buffer.from(p.entry.update.buffer, p.entry.update.byteOffset, p.entry.update.byteLength))
    ])
    this.telemetry?.fsynced((performance.now() - started) / 1000)
    const row = res.rows[0]!
    let seq = num(row.prev_seq)
    let at = row.prev_at
    // The same arithmetic as the statement, so the entries returned are exactly the ones stored.
    const entries = batch.map((p) => {
      at = Math.max(at, p.entry.at)
      return { seq: ++seq, at, participantId: p.entry.participantId, update: p.entry.update }
    })
    this.lastSeq = Math.max(this.lastSeq, seq)
    for (const l of this.durableListeners) {
      // Committed is committed: a listener's failure must not turn into a journal failure.
      try {
        l(seq)
      } catch (err) {
        this.log.warn({ board: this.boardId, err }, 'durable listener failed')
      }
    }
    batch.forEach((p, i) => p.resolve(entries[i]!))
  }

  private fail(error: Error, batch: Pending[]): void {
    const rest = [...batch, ...this.pending]
    this.pending = []
    if (!this.failure) {
      this.failure = error
      this.log.error({ board: this.boardId, err: error }, 'journal append failed: PostgreSQL unreachable or refusing writes')
      for (const l of this.failureListeners) l(error)
    }
    for (const p of rest) p.reject(error)
  }

  onDurable(listener: (seq: number) => void): void {
    this.durableListeners.push(listener)
  }

  onFailure(listener: (error: Error) => void): void {
    this.failureListeners.push(listener)
  }

  async flush(): Promise<number> {
    while (this.draining) await this.draining
    if (this.failure) throw this.failure
    return this.lastSeq
  }

  async writeCheckpoint(checkpoint: Checkpoint): Promise<void> {
    await this.flush()
    // Checked against the table, not this journal's own appends: the entry may come from another instance.
    const res = await this.pool.query(
      `INSERT INTO checkpoints (board_id, seq, at, state)
       SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM journal_entries WHERE board_id = $1 AND seq = $2)
       ON CONFLICT (board_id, seq) DO UPDATE SET at = EXCLUDED.at, state = EXCLUDED.state`,
      [this.boardId, checkpoint.seq, checkpoint.at, Buffer.from(checkpoint.state.buffer, checkpoint.state.byteOffset, checkpoint.state.byteLength)]
    )
    if (res.rowCount === 0) throw new Error(`no journal entry ${checkpoint.seq}`)
  }

  async checkpoints(): Promise<Array<{ seq: number; at: number }>> {
    const res = await this.pool.query<{ seq: string; at: number }>('SELECT seq, at FROM checkpoints WHERE board_id = $1 ORDER BY seq', [this.boardId])
    return res.rows.map((r) => ({ seq: num(r.seq), at: r.at }))
  }

  async readCheckpoint(seq: number): Promise<Checkpoint | null> {
    const res = await this.pool.query<{ seq: string; at: number; state: Buffer }>(
      'SELECT seq, at, state FROM checkpoints WHERE board_id = $1 AND seq = $2',
      [this.boardId, seq]
    )
    const r = res.rows[0]
    return r ? { seq: num(r.seq), at: r.at, state: new Uint8Array(r.state) } : null
  }

  async read(afterSeq: number, limit: number): Promise<JournalEntry[]> {
    if (limit <= 0) return []
    const res = await this.pool.query<EntryRow>(
      'SELECT seq, at, participant_id, update FROM journal_entries WHERE board_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [this.boardId, Math.max(0, afterSeq), limit]
    )
    return res.rows.map(toEntry)
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.flush().catch(() => {})
  }
}
