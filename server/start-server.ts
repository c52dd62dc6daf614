import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { Access } from './auth/access'
import { loadSecrets } from './auth/secrets'
import { TokenSigner } from './auth/tokens'
import type { Config } from './config'
import { createHistoryFeatures } from './history/history-features'
import { createApp } from './http/app'
import { attachSyncEndpoint } from './http/sync-upgrade'
import type { Logger } from './log'
import { openEmbeddedStore } from './store/embedded/embedded-store'
import type { RoomLimits } from './sync/board-room'
import { RoomRegistry } from './sync/room-registry'

export interface RunningServer {
  port: number
  /** http://host:port of the listening socket. */
  url: string
  publicUrl: string
  adminToken: string
  adminTokenCreated: boolean
  /** Stops accepting, closes every socket with 1012, flushes every journal. */
  close(): Promise<void>
}

export function roomLimits(config: Config): RoomLimits {
  return {
    maxAwarenessStateLength: 64 * 1024,
    maxAwarenessEntries: 256,
    maxBufferedBytes: Math.max(16 * 1024 * 1024, 2 * config.maxFrameBytes),
    maxPendingUpdateBytes: Math.max(1024 * 1024, config.maxFrameBytes),
    updateBurst: config.updateBurst,
    updatesPerSecond: config.updatesPerSecond,
    updateBytesBurst: Math.max(16 * 1024 * 1024, 2 * config.maxFrameBytes),
    updateBytesPerSecond: 2 * 1024 * 1024
  }
}

export const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../client', import.meta.url))

/** Wires the parts from one configuration; main.ts and the tests both start the service here. */
export async function startServer(config: Config, log: Logger, clientDir = DEFAULT_CLIENT_DIR): Promise<RunningServer> {
  await mkdir(config.dataDir, { recursive: true })
  const now = () => Date.now()
  const secrets = await loadSecrets(config.dataDir, config.adminToken)
  const store = await openEmbeddedStore({ dataDir: config.dataDir, fsyncIntervalMs: config.fsyncIntervalMs, log })
  const access = new Access(new TokenSigner(secrets.tokenSigningKey), secrets.adminToken, store.metadata, now)
  const history = createHistoryFeatures({ store, log, now, snapshotIntervalMs: config.snapshotIntervalMs, sessionGapMs: config.sessionGapMs })
  const registry = new RoomRegistry({
    journals: store.journals,
    log,
    now,
    limits: roomLimits(config),
    checkpointEvery: config.checkpointEvery,
    idleUnloadMs: config.idleUnloadMs,
    maxBytesBeforeReady: 2 * config.maxFrameBytes,
    isLocked: async (id) => (await store.metadata.getBoard(id))?.locked ?? false,
    onLoaded: history.onLoaded
  })
  history.bind(registry)
  let publicUrl = config.publicUrl
  const joinLimit = { burst: config.joinBurst, perSecond: config.joinsPerMinute / 60, limitLoopback: config.rateLimitLoopback }
  const app = createApp({ store, access, registry, log, now, publicUrl: () => publicUrl, clientDir, history, joinLimit })
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
    publicUrl: () => publicUrl,
    maxFrameBytes: config.maxFrameBytes,
    heartbeatMs: config.heartbeatMs,
    keepAliveQuietMs: config.keepAliveMs,
    connectLimit: { burst: config.connectBurst, perSecond: config.connectsPerSecond, limitLoopback: config.rateLimitLoopback }
  })

  let closing: Promise<void> | null = null
  return {
    port,
    url,
    publicUrl,
    adminToken: secrets.adminToken,
    adminTokenCreated: secrets.adminTokenCreated,
    close() {
      closing ??= (async () => {
        sync.close()
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
        await registry.shutdown()
        server.closeAllConnections()
        await stopped
        await store.close()
      })()
      return closing
    }
  }
}
