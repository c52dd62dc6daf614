import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readConfig } from '../../server/config'
import { createLogger } from '../../server/log'
import { createServiceMetrics } from '../../server/observability/service-metrics'
import { roomLimits } from '../../server/start-server'
import { openEmbeddedStore } from '../../server/store/embedded/embedded-store'
import type { JournalStore } from '../../server/store/journal'
import type { Store } from '../../server/store/store'
import { encodeUpdate } from '../../server/sync/protocol'
import { boardPolicy } from '../../server/boards/board-policy'
import { RoomRegistry } from '../../server/sync/room-registry'
import type { SyncSocket } from '../../server/sync/sync-socket'
import { addConcept, waitFor } from '../support/clients'
import { parsePrometheusText, sampleValue } from '../support/prometheus-text'
import { systemClock } from '../../server/clock'

let dataDir: string
let store: Store | null = null
let registry: RoomRegistry | null = null

afterEach(async () => {
  await registry?.shutdown()
  await store?.close()
  await rm(dataDir, { recursive: true, force: true })
})

function updateMessage(id: string): Uint8Array {
  const doc = new Y.Doc()
  addConcept(doc, id, id)
  const message = encodeUpdate(Y.encodeStateAsUpdate(doc))
  doc.destroy()
  return message
}

/** A transport end that records what the core does with it. */
function recordingSocket() {
  const closes: number[] = []
  const socket: SyncSocket = { send() {}, close: (code) => void closes.push(code), bufferedAmount: 0 }
  return { socket, closes }
}

it('counts an update refused because its journal append failed (4503), and journal fsyncs', async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cg-obs-journal-'))
  const log = createLogger('silent')
  const metrics = createServiceMetrics()
  store = await openEmbeddedStore({ dataDir, fsyncIntervalMs: 5, log, telemetry: metrics.journal })
  // The real journal files, with a disk that can be made to fail (as a full disk fails a write).
  let diskFull = false
  const journals: JournalStore = {
    async open(boardId) {
      const journal = await store!.journals.open(boardId)
      const append = journal.append.bind(journal)
      journal.append = (entry) => {
        if (diskFull) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
        return append(entry)
      }
      return journal
    }
  }
  registry = new RoomRegistry({
    journals,
    log,
    clock: systemClock,
    limits: roomLimits(readConfig({})),
    checkpointEvery: 1000,
    idleUnloadMs: 60_000,
    maxBytesBeforeReady: 1 << 20,
    isLocked: async () => false,
    policy: boardPolicy,
    telemetry: metrics.sync
  })
  const rooms = registry
  metrics.watchRooms(() => rooms.stats())
  const read = async () => parsePrometheusText(await metrics.registry.metrics())

  const a = recordingSocket()
  const handle = registry.connect('journal-board', a.socket, { id: 'p1', role: 'brand', name: 'Bea' })
  handle.receive(updateMessage('first'))
  await waitFor(() => registry!.stats().connections === 1, 10_000, 'the board to load')
  let samples = await read()
  const deadline = Date.now() + 10_000
  while (sampleValue(samples, 'cg_journal_fsync_duration_seconds_count') === 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20))
    samples = await read()
  }
  expect(sampleValue(samples, 'cg_sync_updates_accepted_total')).toBe(1)
  expect(sampleValue(samples, 'cg_sync_relay_latency_seconds_count')).toBe(1)
  expect(sampleValue(samples, 'cg_journal_fsync_duration_seconds_count')).toBeGreaterThan(0)
  expect(sampleValue(samples, 'cg_sync_connections_open')).toBe(1)
  expect(sampleValue(samples, 'cg_boards_loaded')).toBe(1)

  diskFull = true
  handle.receive(updateMessage('second'))
  await waitFor(() => a.closes.includes(4503), 10_000, 'the 4503 close')
  samples = await read()
  expect(sampleValue(samples, 'cg_sync_updates_refused_total', { reason: 'journal' })).toBe(1)
  expect(sampleValue(samples, 'cg_sync_updates_accepted_total')).toBe(1)
  expect(sampleValue(samples, 'cg_sync_relay_latency_seconds_count')).toBe(1)
  // The broken board is unloaded: it is read again from its journal by whoever connects next.
  await waitFor(() => registry!.stats().boards === 0, 10_000, 'the broken board to unload')
  expect(sampleValue(await read(), 'cg_boards_loaded')).toBe(0)
})
