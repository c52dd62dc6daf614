import { readConfig } from '../../server/config'
import { HistoryService } from '../../server/history/history-service'
import type { Logger } from '../../server/log'
import { roomLimits } from '../../server/start-server'
import { openEmbeddedStore } from '../../server/store/embedded/embedded-store'
import { boardPolicy } from '../../server/boards/board-policy'
import { RoomRegistry } from '../../server/sync/room-registry'
import { systemClock } from '../../server/clock'

/**
 * The embedded store with rooms and derived history wired as the server wires them, for benches that
 * write a long board through the real room and then read its history (seek, scoring).
 */
export async function openHistoryBenchStore(dataDir: string, log: Logger) {
  const store = await openEmbeddedStore({ dataDir, fsyncIntervalMs: 50, log })
  const history = new HistoryService({ store: store.history, log })
  const registry = new RoomRegistry({
    journals: store.journals,
    log,
    clock: systemClock,
    limits: roomLimits(readConfig({})),
    checkpointEvery: 1000,
    // Long enough that a bench's board never unloads between its phases.
    idleUnloadMs: 600_000,
    maxBytesBeforeReady: 1 << 20,
    isLocked: async () => false,
    policy: boardPolicy,
    onLoaded: history.attach
  })
  history.bind(registry)
  return {
    store,
    history,
    registry,
    async close() {
      await registry.shutdown()
      await store.close()
    }
  }
}
