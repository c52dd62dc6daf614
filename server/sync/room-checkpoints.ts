import type { BoardJournal } from './journal-port'

/** What a room's checkpoints read from the room. */
export interface CheckpointedRoom {
  /** Seq and arrival time of the latest entry applied in seq order. */
  lastSeq(): number
  lastAt(): number
  /**
   * The merged state (Yjs v2) of exactly entries 1..lastSeq, or null when the document cannot give it
   * now: it is being rebuilt, or it already holds later entries (still committing, or this
   * instance's own while another instance's are on their way).
   */
  stateAtLastSeq(): Uint8Array | null
  warn(err: Error, message: string): void
}

/**
 * When a room writes checkpoints of its merged state, which keep loading fast: every `every` entries,
 * and as it closes unless the tail since the last one is short. One is written at a time.
 */
export class RoomCheckpoints {
  private lastCheckpointSeq: number
  private writing: Promise<void> | null = null

  constructor(
    private readonly journal: BoardJournal,
    private readonly room: CheckpointedRoom,
    private readonly every: number,
    /** The seq of the checkpoint the board loaded from (0: none). */
    loadedSeq: number
  ) {
    this.lastCheckpointSeq = loadedSeq
  }

  /** After each entry applied in seq order, `seq` being the entry's. */
  advanced(seq: number): void {
    if (seq - this.lastCheckpointSeq >= this.every) void this.write()
  }

  /** Writes a checkpoint as of the latest entry (skipped while one is being written). */
  write(): Promise<void> {
    const seq = this.room.lastSeq()
    if (this.writing || seq === 0 || seq === this.lastCheckpointSeq) return this.writing ?? Promise.resolve()
    const state = this.room.stateAtLastSeq()
    if (!state) return Promise.resolve()
    this.writing = this.journal
      .writeCheckpoint({ seq, at: this.room.lastAt(), state })
      .then(() => {
        this.lastCheckpointSeq = Math.max(this.lastCheckpointSeq, seq)
      })
      .catch((err: Error) => this.room.warn(err, 'checkpoint failed'))
      .finally(() => {
        this.writing = null
      })
    return this.writing
  }

  /** Resolves once the checkpoint being written, if any, is written (or failed). */
  whenWritten(): Promise<void> {
    return this.writing ?? Promise.resolve()
  }

  /** As the room closes, with its last update handled: a healthy board's tail is checkpointed if long. */
  async closing(healthy: boolean): Promise<void> {
    // A long tail would slow the next load; a short one costs less to replay than to checkpoint.
    const tail = this.room.lastSeq() - this.lastCheckpointSeq
    if (!healthy || tail < Math.max(1, Math.floor(this.every / 10))) return this.whenWritten()
    await this.write()
    // The one just awaited may have been a periodic one of an earlier seq.
    if (this.room.lastSeq() > this.lastCheckpointSeq) await this.write()
  }
}
