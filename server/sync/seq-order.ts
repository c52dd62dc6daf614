import type { SyncClock, SyncTimer } from './clock-port'
import type { BoardJournal, JournalEntry } from './journal-port'

/** What a room does with the entries `SeqOrder` hands it, strictly in seq order. */
export interface InSeqOrder {
  /** Applies and relays an entry committed by another instance; false if it cannot (the room then fails). */
  integrate(entry: JournalEntry): boolean
  /** The entry is next in seq order and in the document (its own, or just integrated): everything up to it is applied. */
  advance(entry: JournalEntry): void
}

export interface SeqOrderOptions {
  /** The seq the room loaded up to. */
  lastSeq: number
  /** Read for gaps the fan-out leaves open. */
  journal: Pick<BoardJournal, 'read'>
  /** The room's queue (one message at a time per board): catch-ups run on it. */
  queue: { enqueue(task: () => void | Promise<void>): void }
  /** Times a gap's grace (default: real time); a test hands in a manual clock and moves it on. */
  clock?: Pick<SyncClock, 'setTimeout' | 'clearTimeout'>
  warn(err: unknown, message: string): void
}

/** How long a gap in seqs may wait for the fan-out to fill it before the journal is read. */
const GAP_GRACE_MS = 100
const CATCH_UP_PAGE = 500
const REAL_TIME: Pick<SyncClock, 'setTimeout' | 'clearTimeout'> = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout)
}

/**
 * Keeps a room's entries in seq order when several instances append to its board. The journal
 * gives gap-free seqs across instances, but a room hears them out of order: its own append may
 * return N+1 before another instance's N arrives, and pub/sub may drop or reorder. Entries past a
 * gap wait here; a gap the fan-out does not fill within GAP_GRACE_MS is read from the journal.
 * All methods run on the room's queue, except `gapTimer`'s callback, which enqueues.
 */
export class SeqOrder {
  /** Committed here, already in the document and relayed, waiting for the seqs before them. */
  private readonly ownAhead = new Map<number, JournalEntry>()
  /** Heard from another instance, waiting to be applied in seq order. */
  private readonly remoteAhead = new Map<number, JournalEntry>()
  private gapTimer: SyncTimer | null = null
  private queuedCatchUp: Promise<void> | null = null
  private last: number
  private stopped = false
  private readonly clock: Pick<SyncClock, 'setTimeout' | 'clearTimeout'>

  constructor(
    private readonly options: SeqOrderOptions,
    private readonly room: InSeqOrder
  ) {
    this.last = options.lastSeq
    this.clock = options.clock ?? REAL_TIME
  }

  /** The highest seq the room has applied with no gap before it. */
  get lastSeq(): number {
    return this.last
  }

  /** Whether the document holds entries past `lastSeq` (a checkpoint of `lastSeq` must wait). */
  get ahead(): boolean {
    return this.ownAhead.size > 0
  }

  /** The entries committed here past `lastSeq`, in seq order (in the document, not yet advanced over). */
  committedAhead(): JournalEntry[] {
    return [...this.ownAhead.values()].sort((a, b) => a.seq - b.seq)
  }

  /** This instance committed `entry` (applied and relayed already). */
  committed(entry: JournalEntry): void {
    if (entry.seq === this.last + 1) {
      this.advance(entry)
      this.settle()
    } else if (entry.seq > this.last) {
      this.ownAhead.set(entry.seq, entry)
      this.awaitGap()
    }
  }

  /** Another instance committed `entry` (it may be a duplicate, late, or ahead of a gap). */
  heard(entry: JournalEntry): void {
    if (this.stopped || entry.seq <= this.last || this.ownAhead.has(entry.seq)) return
    if (entry.seq > this.last + 1) {
      this.remoteAhead.set(entry.seq, entry)
      return this.awaitGap()
    }
    if (this.integrate(entry)) this.settle()
  }

  /**
   * Queues one catch-up (a poll, a sweep, a gap); asked again before it ran, it still runs once, so a
   * slow journal never piles up reads behind the room's updates.
   */
  requestCatchUp(): Promise<void> {
    if (this.queuedCatchUp) return this.queuedCatchUp
    let resolve!: () => void
    const pending = new Promise<void>((r) => (resolve = r))
    this.queuedCatchUp = pending
    // An idle queue runs the task at once, inside enqueue: hence the identity check.
    this.options.queue.enqueue(() => {
      if (this.queuedCatchUp === pending) this.queuedCatchUp = null
      return this.catchUp().finally(resolve)
    })
    return pending
  }

  /** Reads the journal after `lastSeq` and applies, in order, whatever the room has not applied. */
  async catchUp(): Promise<void> {
    for (;;) {
      if (this.stopped) return
      let entries: JournalEntry[]
      try {
        entries = await this.options.journal.read(this.last, CATCH_UP_PAGE)
      } catch (err) {
        this.options.warn(err, 'journal catch-up failed; retrying')
        return this.awaitGap()
      }
      for (const entry of entries) {
        if (entry.seq !== this.last + 1) continue
        const own = this.ownAhead.get(entry.seq)
        this.remoteAhead.delete(entry.seq)
        if (own) {
          this.ownAhead.delete(entry.seq)
          this.advance(own)
        } else if (!this.integrate(entry)) return
      }
      if (entries.length < CATCH_UP_PAGE) break
    }
    this.settle()
  }

  /** The room failed: nothing more is applied. */
  stop(): void {
    this.stopped = true
    this.close()
  }

  close(): void {
    if (this.gapTimer) this.clock.clearTimeout(this.gapTimer)
    this.gapTimer = null
  }

  private advance(entry: JournalEntry): void {
    this.last = entry.seq
    this.room.advance(entry)
  }

  private integrate(entry: JournalEntry): boolean {
    if (!this.room.integrate(entry)) return false
    this.advance(entry)
    return true
  }

  /** Moves `lastSeq` over the entries waiting right after it. */
  private settle(): void {
    for (;;) {
      const next = this.last + 1
      const own = this.ownAhead.get(next)
      if (own) {
        this.ownAhead.delete(next)
        this.advance(own)
        continue
      }
      const remote = this.remoteAhead.get(next)
      if (!remote) break
      this.remoteAhead.delete(next)
      if (!this.integrate(remote)) return
    }
    // Heard twice (pub/sub, then the journal): nothing to wait for.
    for (const seq of this.remoteAhead.keys()) if (seq <= this.last) this.remoteAhead.delete(seq)
    if (this.ownAhead.size === 0 && this.remoteAhead.size === 0) this.close()
  }

  /** A gap usually closes within milliseconds (its entry is on its way); if not, the journal fills it. */
  private awaitGap(): void {
    if (this.gapTimer) return
    this.gapTimer = this.clock.setTimeout(() => {
      this.gapTimer = null
      if (this.ownAhead.size > 0 || this.remoteAhead.size > 0) void this.requestCatchUp()
    }, GAP_GRACE_MS)
    this.gapTimer.unref()
  }
}
