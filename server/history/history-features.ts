import type { Clock } from '../clock'
import type { Logger } from '../log'
import { SessionService } from '../sessions/session-service'
import { SnapshotService } from '../snapshots/snapshot-service'
import type { Store } from '../store/store'
import type { BoardRoom } from '../sync/board-room'
import type { RoomRegistry } from '../sync/room-registry'
import { HistoryService } from './history-service'

/** Derived history, sessions and snapshots, wired together once per server. */
export interface HistoryFeatures {
  history: HistoryService
  sessions: SessionService
  snapshots: SnapshotService
  /** For the registry's `onLoaded`. */
  onLoaded(room: BoardRoom): void
  /** Call once the registry exists (the services load boards through it). */
  bind(registry: RoomRegistry): void
}

export interface HistoryFeatureOptions {
  store: Store
  log: Logger
  /** Session gaps and snapshot times read it; the automatic snapshots wait on it. */
  clock: Clock
  snapshotIntervalMs: number
  sessionGapMs: number
}

export function createHistoryFeatures(options: HistoryFeatureOptions): HistoryFeatures {
  const history = new HistoryService({ store: options.store.history, log: options.log })
  const sessions = new SessionService({ metadata: options.store.metadata, history, now: options.clock.now, gapMs: options.sessionGapMs })
  const snapshots = new SnapshotService({
    store: options.store.snapshots,
    metadata: options.store.metadata,
    history,
    sessions,
    log: options.log,
    now: options.clock.now,
    clock: options.clock,
    intervalMs: options.snapshotIntervalMs
  })
  return {
    history,
    sessions,
    snapshots,
    onLoaded(room) {
      history.attach(room)
      snapshots.attach(room)
    },
    bind: (registry) => history.bind(registry)
  }
}
