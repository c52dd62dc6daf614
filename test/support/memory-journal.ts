import type { BoardJournal, Checkpoint, JournalEntry, JournalStore, LoadedJournal } from '../../server/sync/journal-port'

interface BoardData {
  entries: JournalEntry[]
  checkpoints: Checkpoint[]
}

/**
 * A journal kept in memory: the test seam for the sync core (a BoardRoom without files or a
 * database). It passes the same journal contract as the embedded and PostgreSQL journals
 * (test/store/memory-journal.test.ts). Entries are "durable" once flushed; `reopen` gives a second
 * store over the same data, as after a restart.
 */
export class MemoryJournalStore implements JournalStore {
  constructor(
    private readonly boards = new Map<string, BoardData>(),
    /**
     * Appends resolve on a later turn of the event loop, as PostgreSQL's do: a room then applies the
     * next update while one commits (see JournalCommits). Default: they return at once, as the embedded journal's.
     */
    private readonly asyncAppends = false
  ) {}

  async open(boardId: string): Promise<BoardJournal> {
    let data = this.boards.get(boardId)
    if (!data) this.boards.set(boardId, (data = { entries: [], checkpoints: [] }))
    return new MemoryJournal(data, this.asyncAppends)
  }

  /** Another store over the same boards. */
  reopen(): MemoryJournalStore {
    return new MemoryJournalStore(this.boards, this.asyncAppends)
  }
}

class MemoryJournal implements BoardJournal {
  private readonly durableListeners: Array<(seq: number) => void> = []
  private closed = false

  constructor(
    private readonly data: BoardData,
    private readonly asyncAppends: boolean
  ) {}

  private get last(): JournalEntry | undefined {
    return this.data.entries[this.data.entries.length - 1]
  }

  async load(): Promise<LoadedJournal> {
    const checkpoint = this.data.checkpoints[this.data.checkpoints.length - 1] ?? null
    const from = checkpoint?.seq ?? 0
    return { checkpoint, tail: this.data.entries.slice(from), lastSeq: this.last?.seq ?? 0, lastAt: this.last?.at ?? 0 }
  }

  append(entry: Omit<JournalEntry, 'seq'>): JournalEntry | Promise<JournalEntry> {
    if (this.closed) throw new Error('journal is closed')
    // Arrival times never go backwards (the port's promise).
    const stored: JournalEntry = { ...entry, at: Math.max(entry.at, this.last?.at ?? 0), seq: (this.last?.seq ?? 0) + 1, update: entry.update.slice() }
    this.data.entries.push(stored)
    // Timers of equal delay fire in the order set: appends resolve in seq order.
    return this.asyncAppends ? new Promise((resolve) => setTimeout(() => resolve(stored), 1)) : stored
  }

  onDurable(listener: (seq: number) => void): void {
    this.durableListeners.push(listener)
  }

  onFailure(_listener: (error: Error) => void): void {
    // Memory does not fail.
  }

  async flush(): Promise<number> {
    const seq = this.last?.seq ?? 0
    for (const listener of this.durableListeners) listener(seq)
    return seq
  }

  async writeCheckpoint(checkpoint: Checkpoint): Promise<void> {
    this.data.checkpoints.push({ ...checkpoint, state: checkpoint.state.slice() })
  }

  async checkpoints(): Promise<Array<{ seq: number; at: number }>> {
    return this.data.checkpoints.map(({ seq, at }) => ({ seq, at }))
  }

  async readCheckpoint(seq: number): Promise<Checkpoint | null> {
    return this.data.checkpoints.find((c) => c.seq === seq) ?? null
  }

  async read(afterSeq: number, limit: number): Promise<JournalEntry[]> {
    // Seqs are 1, 2, 3…: entry n sits at index n - 1.
    return this.data.entries.slice(afterSeq, afterSeq + limit)
  }

  async close(): Promise<void> {
    await this.flush()
    this.closed = true
  }
}
