/**
 * What the sync core needs from storage for one board: an append-only journal of accepted updates,
 * checkpoints of the merged state, and a signal when appended entries are on stable storage.
 * Implementations: the embedded journal files (default) and, for scale-out, PostgreSQL.
 */
export interface JournalEntry {
  /** 1, 2, 3, … per board, gap-free. */
  seq: number
  /** Arrival time, epoch ms, non-decreasing per board. */
  at: number
  participantId: string
  /** A Yjs update (v1 encoding). */
  update: Uint8Array
}

export interface Checkpoint {
  /** The state includes every entry up to and including this seq. */
  seq: number
  at: number
  /** `Y.encodeStateAsUpdateV2` of the board at `seq` (v2: about five times smaller than v1 here). */
  state: Uint8Array
}

export interface LoadedJournal {
  checkpoint: Checkpoint | null
  /** Entries after the checkpoint (all entries when there is none), in seq order. */
  tail: JournalEntry[]
  lastSeq: number
  lastAt: number
}

export interface BoardJournal {
  /** Reads the stored state. Throws `JournalDamagedError` rather than return a partial board. */
  load(): Promise<LoadedJournal>
  /**
   * Appends one entry. When it returns (or its promise resolves) the entry survives a kill of this
   * process; `onDurable` reports when it also survives a power loss.
   */
  append(entry: Omit<JournalEntry, 'seq'>): JournalEntry | Promise<JournalEntry>
  /** Called with the highest seq known to be on stable storage, after each group sync. */
  onDurable(listener: (seq: number) => void): void
  /** Called once if the journal can no longer be written; the board must stop accepting writes. */
  onFailure(listener: (error: Error) => void): void
  /** Syncs everything appended so far; resolves with the durable seq. */
  flush(): Promise<number>
  writeCheckpoint(checkpoint: Checkpoint): Promise<void>
  /** The checkpoints kept, oldest first (time travel starts from the newest one before its moment). */
  checkpoints(): Promise<Array<{ seq: number; at: number }>>
  /** One checkpoint's state, or null if it is gone or damaged. */
  readCheckpoint(seq: number): Promise<Checkpoint | null>
  /** Entries with seq > afterSeq, oldest first, at most `limit`. */
  read(afterSeq: number, limit: number): Promise<JournalEntry[]>
  /** Flushes and releases the journal; the object is unusable afterwards. */
  close(): Promise<void>
}

export interface JournalStore {
  open(boardId: string): Promise<BoardJournal>
}

/** Stored history is damaged somewhere other than a torn last record: never serve such a board. */
export class JournalDamagedError extends Error {
  override name = 'JournalDamagedError'
}
