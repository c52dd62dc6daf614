import type { JournalEntry } from './journal-port'

/**
 * How a board room hears about what other instances of the service accepted for the same board.
 * The journal stays the truth (seqs come from it, gap-free); the fan-out is only a fast hint, so a
 * lost message costs a journal read, never an update. Implementations: `LOCAL_FANOUT` (one instance,
 * the embedded default) and Redis pub/sub (`server/scale/`); the tests' in-memory one
 * (test/support/memory-fanout.ts) passes the Redis one's contract (test/scale/fanout-contract.ts).
 * The sync core never sees the transport.
 */
export interface BoardFanout {
  /** Whether other instances may serve the same boards (rooms then keep their derived changes in seq order). */
  readonly shared: boolean
  /** Starts hearing a board; `close()` the returned channel when the room closes. */
  join(boardId: string, handlers: FanoutHandlers): BoardChannel
  /** Tells every other instance about a change of access to a board, loaded there or not. */
  publishControl(message: ControlMessage): void
  /** Hears other instances' control messages (never this instance's own). */
  onControl(listener: (message: ControlMessage) => void): void
  /** Stops every channel and releases the transport. */
  close(): Promise<void>
}

/**
 * Changes of access that must reach every instance's connections at once: a lock (brand and
 * customer turn read-only), and connections to close (a revocation, an archived board).
 */
export type ControlMessage =
  | { kind: 'lock'; boardId: string; locked: boolean }
  | { kind: 'eject'; boardId: string; participantIds: string[] | 'all'; code: number; reason: string }
  /** A facilitator ended a session: every instance tells its opted-in connections (pulse survey). */
  | { kind: 'session-ended'; boardId: string; sessionId: string }
  /** A board's lock, timer or running session changed: every instance reads it and tells its connections. */
  | { kind: 'board-state'; boardId: string }
  /** A facilitator brings every participant's view to theirs. */
  | { kind: 'bring-everyone'; boardId: string; by: { id: string; name: string | null }; view: { x: number; y: number; w: number; h: number } }

export interface FanoutHandlers {
  /** An entry another instance committed and relayed (it may arrive twice, late, or never). */
  entry(entry: JournalEntry): void
  /** An awareness update (y-protocols encoding) from connections on another instance. */
  awareness(update: Uint8Array): void
  /** Another instance just joined the board: publish the awareness states of this instance's connections. */
  awarenessQuery(): void
  /**
   * Read the journal for entries after what the room has applied: messages may have been missed.
   * Resolves once read, so that the fan-out can bound how many boards read at once.
   */
  catchUp(): Promise<void>
}

export interface BoardChannel {
  /** After the append committed and the local relay: other instances apply it without journaling again. */
  publishEntry(entry: JournalEntry): void
  /** Awareness changes of this instance's own connections (never states heard from other instances). */
  publishAwareness(update: Uint8Array): void
  close(): void
}

const NO_CHANNEL: BoardChannel = {
  publishEntry() {},
  publishAwareness() {},
  close() {}
}

/** One instance alone: nothing to hear, nothing to tell. */
export const LOCAL_FANOUT: BoardFanout = {
  shared: false,
  join: () => NO_CHANNEL,
  publishControl() {},
  onControl() {},
  close: async () => {}
}
