import { every, type Clock } from '../clock'
import { newId } from '../new-id'
import type { HistoryService } from '../history/history-service'
import { scoresAt } from '../history/scores-at'
import type { Logger } from '../log'
import type { BoardSession } from '../../shared/api/sessions'
import type { SessionService } from '../sessions/session-service'
import type { MetadataStore } from '../store/metadata'
import type { SnapshotSummary } from '../../shared/api/snapshots'
import type { SnapshotRecord, SnapshotStore } from '../store/snapshots'
import type { BoardRoom } from '../sync/board-room'
import { compareMaps, type MapComparison } from './compare-maps'

export interface SnapshotServiceOptions {
  store: SnapshotStore
  metadata: MetadataStore
  history: HistoryService
  sessions: SessionService
  log: Logger
  now: () => number
  /** What the automatic snapshots wait on (its `now` is `now`'s). */
  clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>
  /** Automatic snapshots of an active board this often (0: none). */
  intervalMs: number
}

export interface NewSnapshot {
  name?: string
  kind?: SnapshotRecord['kind']
  /** The moment to capture (default now). */
  at?: number
}

/**
 * The snapshot service: named copies of a board's map and metrics at a moment, made by hand, every
 * `intervalMs` while a board is active (it changed since the last snapshot), and at each session's
 * end. Session-end snapshots can be taken late (a board is often unloaded when its quiet gap ends):
 * they capture the map as of the session's end, from the derived history.
 */
export class SnapshotService {
  /** Per board: the last seq an automatic snapshot covered. */
  private readonly lastScheduledSeq = new Map<string, number>()
  /** Per board: session-end catch-ups run one at a time. */
  private readonly catchUps = new Map<string, Promise<void>>()

  constructor(private readonly options: SnapshotServiceOptions) {
    options.sessions.onEnded((boardId) => {
      void this.catchUpSessionEnds(boardId).catch((err: Error) => options.log.warn({ board: boardId, err }, 'session-end snapshot failed'))
    })
  }

  async create(boardId: string, input: NewSnapshot = {}): Promise<SnapshotRecord> {
    const createdAt = this.options.now()
    const at = Math.min(input.at ?? createdAt, createdAt)
    const { map, seq } = await this.options.history.mapAt(boardId, at)
    let metrics: SnapshotRecord['metrics'] = null
    try {
      metrics = await scoresAt(this.options, boardId, at)
    } catch (err) {
      // A snapshot without scores is still a snapshot of the map.
      this.options.log.warn({ board: boardId, err }, 'snapshot metrics failed')
    }
    const kind = input.kind ?? 'manual'
    const record: SnapshotRecord = {
      id: newId(),
      boardId,
      name: input.name?.trim() || defaultName(kind, at),
      at,
      seq,
      kind,
      createdAt,
      map,
      metrics
    }
    await this.options.store.create(record)
    return record
  }

  /** Oldest first; ended sessions get their session-end snapshot first. */
  async list(boardId: string): Promise<SnapshotSummary[]> {
    await this.catchUpSessionEnds(boardId).catch((err: Error) => this.options.log.warn({ board: boardId, err }, 'session-end catch-up failed'))
    return this.options.store.list(boardId)
  }

  get(boardId: string, id: string): Promise<SnapshotRecord | null> {
    return this.options.store.get(boardId, id)
  }

  async compare(boardId: string, a: string, b: string): Promise<{ a: SnapshotSummary; b: SnapshotSummary; changes: MapComparison } | null> {
    const [sa, sb] = await Promise.all([this.get(boardId, a), this.get(boardId, b)])
    if (!sa || !sb) return null
    return { a: summary(sa), b: summary(sb), changes: compareMaps(sa.map, sb.map) }
  }

  /** For the registry's `onLoaded`: automatic snapshots while the room is loaded. */
  readonly attach = (room: BoardRoom): void => {
    if (this.options.intervalMs <= 0) return
    const boardId = room.boardId
    if (!this.lastScheduledSeq.has(boardId)) {
      void this.options.store.list(boardId).then(
        (list) => {
          if (!this.lastScheduledSeq.has(boardId)) this.lastScheduledSeq.set(boardId, Math.max(0, ...list.map((s) => s.seq)))
        },
        () => {}
      )
    }
    const timer = every(this.options.clock, this.options.intervalMs, () => void this.tick(room))
    room.onClose(() => {
      timer.stop()
      // Read again from the stored snapshots when the board loads next.
      this.lastScheduledSeq.delete(boardId)
    })
  }

  private async tick(room: BoardRoom): Promise<void> {
    if (room.broken) return
    const boardId = room.boardId
    try {
      const last = this.lastScheduledSeq.get(boardId) ?? 0
      if (room.seq > last) {
        this.lastScheduledSeq.set(boardId, room.seq)
        await this.create(boardId, { kind: 'scheduled' })
      }
      await this.catchUpSessionEnds(boardId)
    } catch (err) {
      this.options.log.warn({ board: boardId, err }, 'automatic snapshot failed')
    }
  }

  /** Takes the session-end snapshot of every ended session that lacks one. */
  catchUpSessionEnds(boardId: string): Promise<void> {
    const previous = this.catchUps.get(boardId) ?? Promise.resolve()
    const run = previous.then(async () => {
      const [sessions, snapshots] = await Promise.all([this.options.sessions.list(boardId), this.options.store.list(boardId)])
      const taken = new Set(snapshots.filter((s) => s.kind === 'session-end').map((s) => s.at))
      for (const s of sessions) {
        if (!s.open && !taken.has(s.end)) await this.snapshotSessionEnd(boardId, s, taken)
      }
    })
    const settled = run.catch(() => {})
    this.catchUps.set(boardId, settled)
    void settled.then(() => {
      if (this.catchUps.get(boardId) === settled) this.catchUps.delete(boardId)
    })
    return run
  }

  private async snapshotSessionEnd(boardId: string, session: BoardSession, taken: Set<number>): Promise<void> {
    taken.add(session.end)
    const label = session.name ?? `session of ${new Date(session.start).toISOString().slice(0, 16).replace('T', ' ')} UTC`
    await this.create(boardId, { kind: 'session-end', at: session.end, name: `End of ${label}` })
  }
}

function summary(s: SnapshotRecord): SnapshotSummary {
  return { id: s.id, boardId: s.boardId, name: s.name, at: s.at, seq: s.seq, kind: s.kind, createdAt: s.createdAt }
}

function defaultName(kind: SnapshotRecord['kind'], at: number): string {
  const when = new Date(at).toISOString().slice(0, 16).replace('T', ' ')
  return kind === 'scheduled' ? `Automatic, ${when} UTC` : `Snapshot, ${when} UTC`
}
