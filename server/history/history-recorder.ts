import { readBoardMap } from '../../shared/schema/board-doc'
import type { BoardMap } from '../../shared/schema/board-map'
import type { BatchTimer } from '../batch-timer'
import type { Logger } from '../log'
import type { BoardHistory, HistoryPosition, HistoryRecord } from '../store/history'
import type { JournalEntry } from '../store/journal'
import type { AcceptedChanges } from './accepted-changes'
import { AcceptedFeed } from './accepted-feed'
import type { BoardRoom } from '../sync/board-room'
import { PlainMap } from './plain-map'
import { rederive } from './rederive'

export interface RecorderOptions {
  /**
   * A keyframe is written once the changes since the last one reach the map's size (elements), and
   * at least this many: a seek then reads one keyframe plus at most about as much again in changes,
   * and keyframes take about as much room as the changes themselves.
   */
  keyframeMinChanges: number
  /**
   * Live entries gather in memory until this timer's tick, shared by every board's recorder (a cache
   * of the journal: a crash loses nothing).
   */
  flushTimer: BatchTimer
}

/** What a record listener is told of each entry: a HistoryRecord without its event count. */
export type RecordedEntry = Pick<HistoryRecord, 'seq' | 'at' | 'participantId' | 'events' | 'changes'>

interface Derived {
  seq: number
  at: number
  participantId: string
  changes: AcceptedChanges
}

/**
 * Keeps one loaded board's derived history in step with its journal. Live entries arrive from the
 * room after each append and are written in batches off the hot path; on attach, whatever the
 * journal has that the derived history lacks is derived again from the journal first (live entries
 * wait in memory meanwhile). Readers call `settled()` to see everything accepted so far.
 */
export class HistoryRecorder {
  readonly ready: Promise<void>
  private storeRef: BoardHistory | null = null
  private queue: Derived[] = []
  private position: HistoryPosition = { lastSeq: 0, lastAt: 0, eventCount: 0 }
  private map = new PlainMap()
  private changesSinceKeyframe = 0
  private started = false
  private stopped = false
  private writing: Promise<void> | null = null
  private failure: Error | null = null
  private recordListeners: Array<(record: RecordedEntry) => void> = []

  private constructor(
    private readonly room: BoardRoom,
    openStore: () => Promise<BoardHistory>,
    private readonly log: Logger,
    private readonly options: RecorderOptions
  ) {
    const attachedSeq = room.seq
    const mapNow = readBoardMap(room.doc)
    new AcceptedFeed(room, (err, message) => log.warn({ board: room.boardId, err }, message)).listen(this.accept)
    this.ready = this.start(openStore, attachedSeq, mapNow).catch((err: Error) => {
      this.failure = err
      log.error({ board: room.boardId, err }, 'derived history unavailable')
    })
  }

  /** Starts recording a room's history; call right after the room loaded. */
  static attach(room: BoardRoom, openStore: () => Promise<BoardHistory>, log: Logger, options: RecorderOptions): HistoryRecorder {
    return new HistoryRecorder(room, openStore, log, options)
  }

  private get store(): BoardHistory {
    if (!this.storeRef) throw new Error('derived history is not open')
    return this.storeRef
  }

  get boardId(): string {
    return this.room.boardId
  }

  get broken(): Error | null {
    return this.failure
  }

  /**
   * Called for every entry recorded, in seq order, right after it is written (activity times for
   * sessions, the metrics' in-memory log). Listeners must not change the record.
   */
  onRecord(listener: (record: RecordedEntry) => void): void {
    this.recordListeners.push(listener)
  }

  private readonly accept = (entry: JournalEntry, changes: AcceptedChanges): void => {
    if (this.stopped || this.failure) return
    this.queue.push({ seq: entry.seq, at: entry.at, participantId: entry.participantId, changes })
    // Live entries are written in batches: one file write per board per tick rather than one per
    // edit. Readers never wait for the tick: settled() and close() write at once.
    this.options.flushTimer.request(this.flushLater)
  }

  private readonly flushLater = (): void => {
    this.kick()
  }

  private async start(openStore: () => Promise<BoardHistory>, attachedSeq: number, mapNow: BoardMap): Promise<void> {
    this.storeRef = await openStore()
    let position = await this.store.open()
    // With other instances, one of them may have recorded entries this room has yet to apply: they
    // arrive here too, in seq order, and only move the map (see write). Alone, it is a torn journal.
    if (position.lastSeq > attachedSeq && !this.room.shared) {
      // The journal lost a torn tail that the history had kept: the journal is the truth.
      this.log.warn({ board: this.boardId, history: position.lastSeq, journal: attachedSeq }, 'derived history ahead of the journal: rebuilding')
      await this.store.clear()
      position = { lastSeq: 0, lastAt: 0, eventCount: 0 }
    }
    this.position = position
    const lastKeyframe = (await this.store.keyframes()).at(-1)
    this.changesSinceKeyframe = position.lastSeq - (lastKeyframe?.seq ?? 0)
    if (position.lastSeq < attachedSeq) {
      const started = Date.now()
      await rederive(this.room.journal, position.lastSeq, attachedSeq, {
        start: (map) => {
          this.map = PlainMap.from(map)
        },
        entries: (batch) =>
          this.write(batch.map(({ entry, changes }) => ({ seq: entry.seq, at: entry.at, participantId: entry.participantId, changes }))),
        stopped: () => this.stopped
      })
      // Closed midway: what was derived is kept, the rest is derived on the next load.
      if (this.stopped) return
      this.log.info({ board: this.boardId, from: position.lastSeq, to: attachedSeq, ms: Date.now() - started }, 'derived history rebuilt from the journal')
    } else {
      this.map = PlainMap.from(mapNow)
    }
    this.started = true
    this.kick()
  }

  private kick(): void {
    if (!this.started || this.writing || this.queue.length === 0 || this.failure) return
    const batch = this.queue
    this.queue = []
    this.writing = this.write(batch)
      .catch((err: Error) => {
        this.failure = err
        this.log.error({ board: this.boardId, err }, 'derived history write failed; it is rebuilt on the next load')
      })
      .finally(() => {
        this.writing = null
        this.kick()
      })
  }

  private async write(batch: Derived[]): Promise<void> {
    let pending: HistoryRecord[] = []
    let eventCount = this.position.eventCount
    const flush = async () => {
      if (pending.length === 0) return
      await this.store.append(pending)
      const last = pending[pending.length - 1]!
      this.position = { lastSeq: last.seq, lastAt: last.at, eventCount: last.eventsBefore + last.events.length }
      for (const r of pending) for (const listener of this.recordListeners) listener(r)
      pending = []
    }
    for (const d of batch) {
      if (d.seq <= this.position.lastSeq) {
        // Recorded already by another instance serving this board (the same record: see SeqOrderedChanges).
        this.map.apply(d.changes.changes)
        const recorded: RecordedEntry = { seq: d.seq, at: d.at, participantId: d.participantId, events: d.changes.events, changes: d.changes.changes }
        for (const listener of this.recordListeners) listener(recorded)
        continue
      }
      const record: HistoryRecord = {
        seq: d.seq,
        at: d.at,
        participantId: d.participantId,
        eventsBefore: eventCount,
        events: d.changes.events,
        changes: d.changes.changes
      }
      eventCount += record.events.length
      pending.push(record)
      this.map.apply(record.changes)
      this.changesSinceKeyframe += record.changes.length
      // Checked per record, not per batch: a burst written at once still gets its keyframes.
      if (this.changesSinceKeyframe >= Math.max(this.options.keyframeMinChanges, this.map.size)) {
        await flush()
        await this.store.writeKeyframe({ seq: record.seq, at: record.at, eventCount, map: this.map.toBoardMap() })
        this.changesSinceKeyframe = 0
      }
    }
    await flush()
  }

  /**
   * The store and where it ends, once everything accepted so far is written; rejects if the
   * derived history is unavailable (callers then fall back to the journal).
   */
  async settled(): Promise<{ store: BoardHistory; position: HistoryPosition }> {
    await this.ready
    for (;;) {
      if (this.failure) throw this.failure
      if (this.writing) await this.writing
      else if (this.queue.length > 0 && this.started) this.kick()
      else return { store: this.store, position: { ...this.position } }
    }
  }

  /** Finishes writing, then releases the store (the room is closing). */
  async close(): Promise<void> {
    this.stopped = true
    this.options.flushTimer.cancel(this.flushLater)
    await this.ready
    while (this.writing || (this.queue.length > 0 && this.started && !this.failure)) {
      if (this.writing) await this.writing
      else this.kick()
    }
    await this.storeRef?.close()
  }
}
