import type { BringEveryone, LiveBoardState } from '../../shared/sync/board-events'
import type { SyncLogger } from './logger-port'
import type { BoardFanout } from './board-fanout'
import type { BoardRoom } from './board-room'
import { encodeBoardState, encodeBringEveryone } from './protocol'
import type { RoomConnection } from './room-connection'

export interface LiveBoardEventsOptions {
  /** The loaded room of a board on this instance, if any. */
  room: (boardId: string) => BoardRoom | undefined
  /** A board's lock, timer and running session as stored now (absent: no state is sent). */
  liveState?: (boardId: string) => Promise<LiveBoardState>
  fanout?: BoardFanout
  log: SyncLogger
}

/**
 * The board events of message 101 besides "session ended": a board's live state (lock, timer,
 * running session), sent to each connection as it opts in and to all of them when it changes, and
 * "bring everyone here". Changes made on this instance reach the others through the fan-out.
 */
export class LiveBoardEvents {
  constructor(private readonly options: LiveBoardEventsOptions) {}

  /** A connection opted in: it hears the board's state at once (a locked board says so on opening). */
  async greet(boardId: string, conn: RoomConnection): Promise<void> {
    const state = await this.read(boardId)
    if (state && conn.open) conn.send(encodeBoardState(state))
  }

  /** The stored state changed here (a lock, a timer, a session): every instance tells its connections. */
  stateChanged(boardId: string): void {
    this.options.fanout?.publishControl({ kind: 'board-state', boardId })
    void this.applyState(boardId)
  }

  /** Tells this instance's opted-in connections of a loaded board its current state. */
  async applyState(boardId: string): Promise<void> {
    if (!this.options.room(boardId)) return
    const state = await this.read(boardId)
    if (state) this.options.room(boardId)?.sendSessionEvent(encodeBoardState(state))
  }

  /** A facilitator brings every view to theirs, here and on every other instance; returns how many were told here. */
  bringEveryone(boardId: string, message: BringEveryone): number {
    this.options.fanout?.publishControl({ kind: 'bring-everyone', boardId, by: message.by, view: message.view })
    return this.applyBringEveryone(boardId, message)
  }

  applyBringEveryone(boardId: string, message: BringEveryone): number {
    return this.options.room(boardId)?.sendSessionEvent(encodeBringEveryone(message)) ?? 0
  }

  private async read(boardId: string): Promise<LiveBoardState | null> {
    if (!this.options.liveState) return null
    try {
      return await this.options.liveState(boardId)
    } catch (err) {
      this.options.log.warn({ board: boardId, err }, 'board state cannot be read')
      return null
    }
  }
}
