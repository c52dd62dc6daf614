import { systemClock, type Clock } from './clock'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { Access } from './auth/access'
import { loadSecrets } from './auth/secrets'
import { TokenSigner } from './auth/tokens'
import { DownloadTickets } from './auth/download-tickets'
import type { Config } from './config'
import { ExchangeRunner } from './exchange/worker-runner'
import { createHistoryFeatures } from './history/history-features'
import { createApp } from './http/app'
import { attachSyncEndpoint } from './http/sync-upgrade'
import type { Logger } from './log'
import { createServiceMetrics, type ServiceMetrics } from './observability/service-metrics'
import { openEmbeddedStore } from './store/embedded/embedded-store'
import { openPostgresStore } from './store/postgres/postgres-store'
import { registerFanoutMetrics } from './scale/fanout-metrics'
import { relayAccessChanges } from './scale/access-relay'
import { RedisFanout } from './scale/redis-fanout'
import type { RoomLimits } from './sync/room-options'
import { boardPolicy } from './boards/board-policy'
import { RoomRegistry } from './sync/room-registry'
import { liveBoardState } from './boards/live-state'

export interface RunningServer {
  port: number
  /** http://host:port of the listening socket. */
  url: string
  publicUrl: string
  adminToken: string
  adminTokenCreated: boolean
  /** This server's Prometheus metrics (`serviceMetrics.registry` takes more); a board's social scores are history's. */
  serviceMetrics: ServiceMetrics
  /** Stops accepting, closes every socket with 1012, flushes every journal. */
  close(): Promise<void>
}

export function roomLimits(config: Config): RoomLimits {
  return {
    presence: {
      maxStateLength: 64 * 1024,
      maxEntries: 256,
      maxIdsPerConnection: 4,
      maxBytesPerConnection: 64 * 1024,
      // Two connections at their full share; a person's cursor, view and selection are ~200 characters.
      maxBytesPerParticipant: 128 * 1024,
      maxBytesPerRoom: 2 * 1024 * 1024,
      bytesBurst: 4 * 1024 * 1024,
      bytesPerSecond: 1024 * 1024,
      // A cursor is sent 20 times a second, a view about 7: room for both, and for a burst.
      statesBurst: 100,
      statesPerSecond: 40
    },
    maxBufferedBytes: Math.max(16 * 1024 * 1024, 2 * config.maxFrameBytes),
    maxPendingUpdateBytes: Math.max(1024 * 1024, config.maxFrameBytes),
    updateBurst: config.updateBurst,
    updatesPerSecond: config.updatesPerSecond,
    updateBytesBurst: Math.max(16 * 1024 * 1024, 2 * config.maxFrameBytes),
    updateBytesPerSecond: 2 * 1024 * 1024,
    participantBytesBurst: config.participantBytesBurst,
    participantBytesPerSecond: config.participantBytesPerSecond,
    maxUpdateStructs: config.maxUpdateStructs
  }
}

export const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../client', import.meta.url))

/** Wires the parts from one configuration; main.ts and the tests both start the service here. */
export async function startServer(config: Config, log: Logger, clientDir = DEFAULT_CLIENT_DIR, clock: Clock = systemClock): Promise<RunningServer> {
  // 0700 when created here (what is inside is the boards and the secrets); an existing one is left as its owner set it.
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 })
  // Every policy reads time here: token and ticket expiry, rate limits, session gaps, event times.
  const now = clock.now
  // Created first, so every part built below can register its own metrics on `serviceMetrics.registry`.
  const serviceMetrics = createServiceMetrics()
  const store = config.databaseUrl
    ? await openPostgresStore({ url: config.databaseUrl, schema: config.databaseSchema, log, telemetry: serviceMetrics.journal })
    : await openEmbeddedStore({ dataDir: config.dataDir, fsyncIntervalMs: config.fsyncIntervalMs, log, telemetry: serviceMetrics.journal, syncClock: clock })
  const secrets = await loadSecrets(store.secrets ?? config.dataDir, config.adminToken)
  const access = new Access(new TokenSigner(secrets.tokenSigningKey), secrets.adminToken, store.metadata, now)
  const tickets = new DownloadTickets(secrets.tokenSigningKey, now)
  const history = createHistoryFeatures({ store, log, clock, snapshotIntervalMs: config.snapshotIntervalMs, sessionGapMs: config.sessionGapMs })
  const fanout = config.redisUrl ? await openFanout(config.redisUrl, config.fanoutPollMs, log) : undefined
  if (fanout) registerFanoutMetrics(serviceMetrics.registry, fanout)
  const registry = new RoomRegistry({
    fanout,
    journals: store.journals,
    log,
    clock,
    limits: roomLimits(config),
    checkpointEvery: config.checkpointEvery,
    idleUnloadMs: config.idleUnloadMs,
    maxBytesBeforeReady: 2 * config.maxFrameBytes,
    isLocked: async (id) => (await store.metadata.getBoard(id))?.locked ?? false,
    policy: boardPolicy,
    onLoaded: history.onLoaded,
    liveState: liveBoardState(store.metadata, now),
    telemetry: serviceMetrics.sync
  })
  serviceMetrics.watchRooms(() => registry.stats())
  history.bind(registry)
  if (fanout) relayAccessChanges(fanout, access, registry)
  // Our board clients ask the session's pulse when a facilitator ends it (opt-in message 101).
  history.sessions.onEnded((boardId, session) => registry.notifySessionEnded(boardId, session.id))
  history.sessions.onChanged((boardId) => registry.events.stateChanged(boardId))
  let publicUrl = config.publicUrl
  const joinLimit = { burst: config.joinBurst, perSecond: config.joinsPerMinute / 60, limitLoopback: config.rateLimitLoopback }
  const app = createApp({
    store,
    access,
    tickets,
    registry,
    // One limit on exchange CPU for every route (imports, exports, comparison images).
    exchange: new ExchangeRunner(),
    log,
    now,
    clock,
    publicUrl: () => publicUrl,
    clientDir,
    serveSourceMaps: config.serveSourceMaps,
    trustProxy: config.trustProxy,
    authFailureLimit: { maxFailures: 20, windowMs: 60_000, limitLoopback: config.rateLimitLoopback },
    history,
    joinLimit,
    serviceMetrics,
    serviceMetricsAccess: config.metricsAccess
  })
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s as Server))
    s.once('error', reject)
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`
  publicUrl ||= url
  const sync = attachSyncEndpoint(server, {
    access,
    metadata: store.metadata,
    registry,
    log,
    now,
    clock,
    publicUrl: () => publicUrl,
    maxFrameBytes: config.maxFrameBytes,
    heartbeatMs: config.heartbeatMs,
    keepAliveQuietMs: config.keepAliveMs,
    connectLimit: { burst: config.connectBurst, perSecond: config.connectsPerSecond, limitLoopback: config.rateLimitLoopback },
    telemetry: serviceMetrics.sync
  })

  let closing: Promise<void> | null = null
  return {
    port,
    url,
    publicUrl,
    adminToken: secrets.adminToken,
    adminTokenCreated: secrets.adminTokenCreated,
    serviceMetrics,
    close() {
      closing ??= (async () => {
        sync.close()
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
        await registry.shutdown()
        await fanout?.close()
        server.closeAllConnections()
        await stopped
        await store.close()
      })()
      return closing
    }
  }
}

/** Redis may be down at start: the instance serves anyway, polling the journal until it is reachable. */
async function openFanout(url: string, pollMs: number, log: Logger): Promise<RedisFanout> {
  // Loaded only when REDIS_URL is set: a single instance never needs the client.
  const { Redis } = await import('ioredis')
  const fanout = new RedisFanout({ url, Redis, log, pollMs, sweepMs: 5000 })
  try {
    await fanout.ready(3000)
  } catch (err) {
    log.warn({ err, pollMs }, 'Redis fan-out unreachable at start: loaded boards poll the journal until it is')
  }
  return fanout
}
