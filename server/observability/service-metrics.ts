import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { JournalTelemetry } from '../store/journal-telemetry'
import { REFUSAL_REASONS, type SyncTelemetry } from '../sync/sync-telemetry'
import { HotHistogram } from './hot-histogram'

/** Counts of what is loaded now, read at each scrape rather than tracked on every join and leave. */
export type RoomStats = () => { boards: number; connections: number }

/**
 * The service's Prometheus metrics, one registry per server (no global registry: tests run several
 * servers in one process). Other parts add their own metrics to `registry`; see `docs/operations.md`.
 */
export interface ServiceMetrics {
  readonly registry: Registry
  /** Handed to the room registry and every board room. */
  readonly sync: SyncTelemetry
  /** Handed to the store, for its journals. */
  readonly journal: JournalTelemetry
  /** One answered HTTP request; `route` must be a route pattern, never a raw path. */
  httpRequest(method: string, route: string, status: number, seconds: number): void
  /** Where the open-connection and loaded-board gauges read from. */
  watchRooms(stats: RoomStats): void
}

// Relays take well under a millisecond when the journal write is in the page cache; the long tail is
// event-loop stalls. fsyncs take 0.1–10 ms on SSDs and far longer on a loaded or networked disk.
const RELAY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]
const FSYNC_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
const HTTP_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

export function createServiceMetrics(): ServiceMetrics {
  const registry = new Registry()
  // process_resident_memory_bytes, process_cpu_seconds_total, nodejs_heap_size_used_bytes, event loop lag, GC…
  collectDefaultMetrics({ register: registry })
  let rooms: RoomStats = () => ({ boards: 0, connections: 0 })

  new Gauge({
    name: 'cg_sync_connections_open',
    help: 'WebSocket connections joined to a loaded board',
    registers: [registry],
    collect() {
      this.set(rooms().connections)
    }
  })
  new Gauge({
    name: 'cg_boards_loaded',
    help: 'Boards loaded in memory',
    registers: [registry],
    collect() {
      this.set(rooms().boards)
    }
  })
  // Counted in a plain number and read at scrape time: it is bumped on every relayed update.
  let acceptedCount = 0
  new Counter({
    name: 'cg_sync_updates_accepted_total',
    help: 'Sync updates from clients accepted: journaled and relayed (an update that changes nothing is not counted)',
    registers: [registry],
    collect() {
      this.reset()
      this.inc(acceptedCount)
    }
  })
  const refused = new Counter({
    name: 'cg_sync_updates_refused_total',
    help: 'Sync messages from clients refused, by reason',
    labelNames: ['reason'] as const,
    registers: [registry]
  })
  // Every reason is present from the start, so a rate() over it never starts from a missing series.
  for (const reason of REFUSAL_REASONS) refused.labels(reason).inc(0)
  const relay = new HotHistogram(
    'cg_sync_relay_latency_seconds',
    'From receipt of a sync update to its relay to the board (after the journal append)',
    RELAY_BUCKETS,
    registry
  )
  const upgradesRefused = new Counter({
    name: 'cg_sync_upgrades_refused_total',
    help: 'WebSocket connections refused at the upgrade, by close code (http-<status> when no handshake completed)',
    labelNames: ['code'] as const,
    registers: [registry]
  })
  const fsync = new HotHistogram('cg_journal_fsync_duration_seconds', 'Duration of one journal fsync (a group of appends)', FSYNC_BUCKETS, registry)
  const httpRequests = new Counter({
    name: 'cg_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry]
  })
  const httpDuration = new Histogram({
    name: 'cg_http_request_duration_seconds',
    help: 'HTTP request duration, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: HTTP_BUCKETS,
    registers: [registry]
  })

  return {
    registry,
    sync: {
      updateAccepted: () => {
        acceptedCount++
      },
      updateRefused: (reason) => refused.labels(reason).inc(),
      relayed: (seconds) => relay.observe(seconds),
      upgradeRefused: (code) => upgradesRefused.labels(code).inc()
    },
    journal: {
      fsynced: (seconds) => fsync.observe(seconds)
    },
    httpRequest(method, route, status, seconds) {
      const m = METHODS.has(method) ? method : 'OTHER'
      httpRequests.labels(m, route, String(status)).inc()
      httpDuration.labels(m, route).observe(seconds)
    },
    watchRooms(stats) {
      rooms = stats
    }
  }
}
