import { CloseCode } from '../../shared/close-codes'
import type { SyncClock, SyncTimer } from './clock-port'
import type { SyncLogger } from './logger-port'
import type { JournalStore } from './journal-port'
import type { BoardFanout } from './board-fanout'
import { BoardRoom } from './board-room'
import { LiveBoardEvents } from './live-board-events'
import { encodeSessionEnded } from './protocol'
import type { RoomConnection } from './room-connection'
import type { RoomLimits } from './room-options'
import type { RoomPolicy } from './room-policy'
import type { ConnectionHandle, Participant, SyncSocket } from './sync-socket'
import type { LiveBoardState } from '../../shared/sync/board-events'
import type { SyncTelemetry } from './sync-telemetry'
import { REBUILD_RULES, RebuildGuard } from './rebuild-guard'

const REPEATED_INVALID_UPDATES = 'forbidden: repeated invalid updates'

export interface RegistryOptions {
  journals: JournalStore
  log: SyncLogger
  /** Time for the rooms (connection times, keepalives, strikes) and the idle unload's wait. */
  clock: SyncClock
  limits: RoomLimits
  checkpointEvery: number
  /** A board with no connections is unloaded after this long. */
  idleUnloadMs: number
  /** Messages a socket may send while its board is still loading. */
  maxBytesBeforeReady: number
  /** Whether a board is locked, asked when it loads. */
  isLocked: (boardId: string) => Promise<boolean>
  /** The rules every room enforces (see RoomPolicy). */
  policy: RoomPolicy
  /** Called with each room right after it loads, before anyone is synced to it (history, snapshots). */
  onLoaded?: (room: BoardRoom) => void
  /** A board's lock, timer and running session, for the board events of our own clients (message 101). */
  liveState?: (boardId: string) => Promise<LiveBoardState>
  /** Told about accepted and refused updates (metrics); handed to every room. */
  telemetry?: SyncTelemetry
  /** Other instances serving the same boards (default: this instance alone). */
  fanout?: BoardFanout
}

/**
 * Loads each board once, hands sockets to its room, and unloads it when idle. No socket is synced
 * before its board's stored state has loaded; what it sends meanwhile waits, up to a bound.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, BoardRoom>()
  private readonly loading = new Map<string, Promise<BoardRoom>>()
  private readonly closing = new Map<string, Promise<void>>()
  private readonly idleTimers = new Map<string, SyncTimer>()
  private stopped = false
  /** Updates that decoded but could not be applied (see BoardRoom.rebuild): who is refused for them. */
  private readonly strikes: RebuildGuard
  /** Board state and "bring everyone here" for opted-in connections, on every instance. */
  readonly events: LiveBoardEvents

  private readonly now: () => number

  constructor(private readonly options: RegistryOptions) {
    this.now = () => options.clock.now()
    this.strikes = new RebuildGuard(REBUILD_RULES, this.now)
    this.events = new LiveBoardEvents({ room: (id) => this.rooms.get(id), liveState: options.liveState, fanout: options.fanout, log: options.log })
  }

  connect(boardId: string, socket: SyncSocket, participant: Participant): ConnectionHandle {
    if (this.strikes.refused(boardId, participant)) {
      socket.close(CloseCode.forbidden, REPEATED_INVALID_UPDATES)
      return { receive: () => {}, closed: () => {} }
    }
    let conn: RoomConnection | null = null
    let room: BoardRoom | null = null
    let early: Uint8Array[] | null = []
    let earlyBytes = 0
    let gone = false
    this.room(boardId).then(
      (r) => {
        if (gone) return this.maybeScheduleUnload(r)
        room = r
        conn = r.join(socket, participant)
        const queued = early!
        early = null
        for (const m of queued) r.receive(conn, m)
      },
      (err: Error) => {
        this.options.log.error({ board: boardId, err }, 'board failed to load')
        if (!gone) socket.close(CloseCode.storageUnavailable, 'board cannot be loaded')
      }
    )
    return {
      receive: (message) => {
        if (room && conn) return room.receive(conn, message)
        if (!early) return
        earlyBytes += message.length
        if (earlyBytes > this.options.maxBytesBeforeReady) {
          early = null
          this.options.telemetry?.updateRefused('before-ready')
          socket.close(CloseCode.tryAgainLater, 'too much data before the board was ready')
          return
        }
        early.push(message)
      },
      closed: () => {
        gone = true
        early = null
        if (room && conn) room.leave(conn)
      }
    }
  }

  /** The loaded room of a board, loading it if needed. */
  async room(boardId: string): Promise<BoardRoom> {
    if (this.stopped) throw new Error('server is shutting down')
    const loaded = this.rooms.get(boardId)
    // A pending unload is left alone: it only unloads a board that still has no connection when it fires.
    if (loaded) return loaded
    let pending = this.loading.get(boardId)
    if (!pending) {
      pending = this.load(boardId)
      this.loading.set(boardId, pending)
      pending.finally(() => this.loading.delete(boardId)).catch(() => {})
    }
    return pending
  }

  private async load(boardId: string): Promise<BoardRoom> {
    // A board being unloaded finishes releasing its journal before it is opened again.
    await this.closing.get(boardId)
    const journal = await this.options.journals.open(boardId)
    let room: BoardRoom
    try {
      room = await BoardRoom.load({
        boardId,
        journal,
        log: this.options.log,
        now: this.now,
        limits: this.options.limits,
        checkpointEvery: this.options.checkpointEvery,
        telemetry: this.options.telemetry,
        locked: await this.options.isLocked(boardId),
        policy: this.options.policy,
        fanout: this.options.fanout,
        clock: this.options.clock
      })
    } catch (e) {
      await journal.close().catch(() => {})
      throw e
    }
    try {
      this.options.onLoaded?.(room)
    } catch (err) {
      this.options.log.error({ board: boardId, err }, 'room load hook failed')
    }
    room.onEmpty = () => this.maybeScheduleUnload(room)
    room.onBroken = () => this.evict(room)
    room.onInvalidUpdate = (participant) => this.invalidUpdate(room, participant)
    room.onEventsOptIn = (conn) => void this.events.greet(boardId, conn)
    this.rooms.set(boardId, room)
    this.maybeScheduleUnload(room)
    return room
  }

  /** Each such update costs everyone on the board a rebuild: one who keeps sending them is refused for a while. */
  private invalidUpdate(room: BoardRoom, participant: Participant): void {
    const refused = this.strikes.strike(room.boardId, participant)
    if (!refused) return
    this.options.log.warn({ board: room.boardId, participant: participant.id, invite: participant.invite }, 'participant refused: repeated invalid updates')
    // Every board: a refused address is refused everywhere.
    for (const r of this.rooms.values()) r.disconnect(refused, CloseCode.forbidden, REPEATED_INVALID_UPDATES)
  }

  private maybeScheduleUnload(room: BoardRoom): void {
    if (room.connectionCount > 0 || this.idleTimers.has(room.boardId) || this.rooms.get(room.boardId) !== room) return
    const timer = this.options.clock.setTimeout(() => {
      this.idleTimers.delete(room.boardId)
      if (room.connectionCount === 0) this.evict(room)
    }, this.options.idleUnloadMs)
    timer.unref()
    this.idleTimers.set(room.boardId, timer)
  }

  private cancelUnload(boardId: string): void {
    const timer = this.idleTimers.get(boardId)
    if (timer) this.options.clock.clearTimeout(timer)
    this.idleTimers.delete(boardId)
  }

  private evict(room: BoardRoom): void {
    if (this.rooms.get(room.boardId) !== room) return
    this.rooms.delete(room.boardId)
    this.cancelUnload(room.boardId)
    const done = room
      .close(CloseCode.storageUnavailable, 'board unloaded')
      .catch((err: Error) => this.options.log.warn({ board: room.boardId, err }, 'board did not close cleanly'))
      .finally(() => {
        if (this.closing.get(room.boardId) === done) this.closing.delete(room.boardId)
      })
    this.closing.set(room.boardId, done)
  }

  /** Sends a keepalive on every connection that has been quiet for `quietMs`. */
  keepAlive(quietMs: number): void {
    const now = this.now()
    for (const room of this.rooms.values()) room.keepAlive(now, quietMs)
  }

  /** Closes the live connections of a loaded board whose participant matches; returns how many. */
  disconnect(boardId: string, match: (participant: Participant) => boolean, code: number, reason: string): number {
    return this.rooms.get(boardId)?.disconnect(match, code, reason) ?? 0
  }

  /**
   * Tells the opted-in connections of a board that a session ended, here and on every other
   * instance; returns how many were told here.
   */
  notifySessionEnded(boardId: string, sessionId: string): number {
    this.options.fanout?.publishControl({ kind: 'session-ended', boardId, sessionId })
    return this.applySessionEnded(boardId, sessionId)
  }

  /** Tells this instance's opted-in connections of a loaded board that a session ended. */
  applySessionEnded(boardId: string, sessionId: string): number {
    return this.rooms.get(boardId)?.sendSessionEvent(encodeSessionEnded(sessionId)) ?? 0
  }

  /** Who is connected to a board now (empty when it is not loaded). */
  online(boardId: string): Participant[] {
    return this.rooms.get(boardId)?.participants() ?? []
  }

  /** Applies a lock change to a loaded board at once, here and on every other instance. */
  setLocked(boardId: string, locked: boolean): void {
    this.applyLock(boardId, locked)
    this.options.fanout?.publishControl({ kind: 'lock', boardId, locked })
  }

  /** Applies a lock change made here or on another instance to this instance's loaded board. */
  applyLock(boardId: string, locked: boolean): void {
    const room = this.rooms.get(boardId)
    if (!room) return
    room.locked = locked
    // Every open board shows the lock at once, not only when someone's change is refused.
    void this.events.applyState(boardId)
  }

  stats(): { boards: number; connections: number } {
    let connections = 0
    for (const room of this.rooms.values()) connections += room.connectionCount
    return { boards: this.rooms.size, connections }
  }

  /** Closes every socket with `code`, flushes and releases every journal. */
  async shutdown(code: number = CloseCode.restarting): Promise<void> {
    this.stopped = true
    await Promise.allSettled([...this.loading.values()])
    for (const timer of this.idleTimers.values()) this.options.clock.clearTimeout(timer)
    this.idleTimers.clear()
    const rooms = [...this.rooms.values()]
    this.rooms.clear()
    await Promise.all([
      ...rooms.map((r) => r.close(code, 'server restarting').catch(() => {})),
      ...this.closing.values()
    ])
  }
}

