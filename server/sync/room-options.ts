import type { SyncLogger } from './logger-port'
import type { BoardJournal } from './journal-port'
import type { BoardFanout } from './board-fanout'
import type { SyncClock } from './clock-port'
import type { RoomPolicy } from './room-policy'
import type { SyncTelemetry } from './sync-telemetry'

/** Per-room bounds, the same for every board (from the configuration). */
/** Bounds on presence (awareness); see RoomPresence. */
export interface PresenceLimits {
  /** Longest JSON state (in characters) one client may publish. */
  maxStateLength: number
  /** Most client states one message may carry (stock clients echo everyone's states at once). */
  maxEntries: number
  /** Client ids one connection may publish under (a stock client uses one). */
  maxIdsPerConnection: number
  /** State characters one connection may hold published, all its ids together. */
  maxBytesPerConnection: number
  /**
   * State characters one participant's connections may hold published together, so that one token
   * opened again and again cannot take the board's share from everyone who joins after it.
   */
  maxBytesPerParticipant: number
  /** State characters a board's connections may hold published on one instance. */
  maxBytesPerRoom: number
  /**
   * Per connection: awareness bytes received, in a burst and per second (echoes included: a stock
   * client sends back every state it hears); past this the connection is closed with 1013.
   */
  bytesBurst: number
  bytesPerSecond: number
  /** Per connection: its own states accepted, in a burst and per second; past this one is dropped. */
  statesBurst: number
  statesPerSecond: number
}

export interface RoomLimits {
  presence: PresenceLimits
  /** Per connection: outgoing bytes the transport may hold before the reader is cut loose. */
  maxBufferedBytes: number
  /** Updates whose dependencies never arrive wait in memory; past this, they are dropped. */
  maxPendingUpdateBytes: number
  /** Per connection: sync update messages allowed in a burst, and per second sustained. */
  updateBurst: number
  updatesPerSecond: number
  /** Per connection: update bytes allowed in a burst, and per second sustained. */
  updateBytesBurst: number
  updateBytesPerSecond: number
  /** Per participant, all its connections together: update bytes in a burst, and per second sustained. */
  participantBytesBurst: number
  participantBytesPerSecond: number
  /** Structs (clock units) one update may hold; a bigger one is refused before it is applied (4413). */
  maxUpdateStructs: number
}

/** What a board room is built with (see BoardRoom.load). */
export interface RoomOptions {
  boardId: string
  journal: BoardJournal
  log: SyncLogger
  now: () => number
  limits: RoomLimits
  /** A checkpoint of the merged state is written after this many journal entries. */
  checkpointEvery: number
  locked: boolean
  /** What the board allows (who writes, what a change may hold) and how its document is upgraded. */
  policy: RoomPolicy
  /** Told about accepted and refused updates and relay latency (metrics); default: nobody. */
  telemetry?: SyncTelemetry
  /** Other instances serving the same board (default: none). */
  fanout?: BoardFanout
  /** Waits the room arms (a seq gap's grace): the registry's clock, so a test moves it on; default: real time. */
  clock?: Pick<SyncClock, 'setTimeout' | 'clearTimeout'>
}
