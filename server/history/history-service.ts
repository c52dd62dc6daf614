import { readBoardMap } from '../../shared/schema/board-doc'
import type { BoardMap } from '../../shared/schema/board-map'
import { BatchTimer } from '../batch-timer'
import type { Logger } from '../log'
import type { HistoryStore } from '../store/history'
import type { BoardRoom } from '../sync/board-room'
import type { RoomRegistry } from '../sync/room-registry'
import { ActivityTimes } from './activity-times'
import { HistoryRecorder } from './history-recorder'
import { readEvents, seekMap, visitRecords, type EventQuery, type NumberedEvent } from './history-reader'
import { journalMapAt } from './journal-map-at'
import { ScoreLog } from './score-log'
import type { HistoryRecord } from '../store/history'

export interface HistoryServiceOptions {
  store: HistoryStore
  log: Logger
  /** See RecorderOptions.keyframeMinChanges. */
  keyframeMinChanges?: number
}

/**
 * How long live entries gather in memory before they are written. Readers never wait for it (they
 * settle first), and a crash loses nothing (the history is derived again from the journal), so it
 * only trades memory for writes: 300 boards at 1.5 edits/s wrote ~260 times a second at 500 ms,
 * ~110 at 2 s.
 */
const LIVE_BATCH_MS = 2000

interface Attached {
  room: BoardRoom
  recorder: HistoryRecorder
  activity: ActivityTimes
  scores: ScoreLog
}

/**
 * Every loaded board's derived history: attached to each room as it loads (the registry's
 * `onLoaded`), read by the history, map, metrics and snapshot features.
 */
export class HistoryService {
  private readonly attached = new Map<string, Attached>()
  /** Live entries of every board are written on one tick (see RecorderOptions.flushTimer). */
  private readonly flushTimer = new BatchTimer(LIVE_BATCH_MS, false)
  private registryRef: RoomRegistry | null = null

  constructor(private readonly options: HistoryServiceOptions) {}

  /** Binds the registry whose rooms this service reads (set once, after the registry exists). */
  bind(registry: RoomRegistry): void {
    this.registryRef = registry
  }

  private get registry(): RoomRegistry {
    if (!this.registryRef) throw new Error('history service is not bound to a registry')
    return this.registryRef
  }

  /** For the registry's `onLoaded`: starts recording before the room serves anyone. */
  readonly attach = (room: BoardRoom): void => {
    const recorder = HistoryRecorder.attach(room, () => this.options.store.open(room.boardId), this.options.log, {
      keyframeMinChanges: this.options.keyframeMinChanges ?? 256,
      flushTimer: this.flushTimer
    })
    const entry: Attached = { room, recorder, activity: new ActivityTimes(recorder), scores: new ScoreLog(recorder) }
    this.attached.set(room.boardId, entry)
    room.onClose(async () => {
      await recorder.close()
      if (this.attached.get(room.boardId) === entry) this.attached.delete(room.boardId)
    })
  }

  /** The loaded room of a board with its recorder (loading it, and attaching late if no hook did). */
  async board(boardId: string): Promise<Attached> {
    const room = await this.registry.room(boardId)
    let entry = this.attached.get(boardId)
    if (!entry || entry.room !== room) {
      this.attach(room)
      entry = this.attached.get(boardId)!
    }
    return entry
  }

  /** The map now (`at` absent or at/after the latest entry) or as it stood at `at`, with the last seq it includes. */
  async mapAt(boardId: string, at?: number): Promise<{ map: BoardMap; seq: number }> {
    const { room, recorder } = await this.board(boardId)
    if (at === undefined || at >= room.lastAt) return { map: readBoardMap(room.doc), seq: room.seq }
    try {
      const { store } = await recorder.settled()
      return await seekMap(store, at)
    } catch (err) {
      // The derived history is a cache: without it, the journal still answers (more slowly).
      this.options.log.warn({ board: boardId, err }, 'derived history unavailable: time travel from the journal')
      return { map: await journalMapAt(room.journal, at), seq: 0 }
    }
  }

  async events(boardId: string, query: EventQuery): Promise<NumberedEvent[]> {
    const { recorder } = await this.board(boardId)
    const { store } = await recorder.settled()
    return readEvents(store, query)
  }

  /** Visits every record with at ≤ `until`, oldest first. */
  async records(boardId: string, until: number, visit: (r: HistoryRecord) => void): Promise<void> {
    const { recorder } = await this.board(boardId)
    const { store } = await recorder.settled()
    await visitRecords(
      store,
      0,
      (r) => {
        if (r.at > until) return false
        visit(r)
        return true
      },
      2000
    )
  }

  /**
   * The board's score log (its social scores), up to date with every entry accepted so far (read from the derived
   * history the first time); null when it cannot answer (the derived history is unavailable, or
   * entries' times go back), and the metrics are then read from the derived history afresh.
   */
  async scoreLog(boardId: string): Promise<ScoreLog | null> {
    const { scores } = await this.board(boardId)
    try {
      await scores.settled()
    } catch (err) {
      this.options.log.warn({ board: boardId, err }, 'derived history unavailable: metrics from the journal')
      return null
    }
    return scores.usable ? scores : null
  }

  /** Arrival times of people's entries, ascending. */
  async activityTimes(boardId: string): Promise<number[]> {
    return (await this.board(boardId)).activity.get()
  }
}
