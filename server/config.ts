import { resolve } from 'node:path'

/** Everything the service reads from its environment, read once by main.ts. */
export interface Config {
  port: number
  host: string
  dataDir: string
  /** Unset: generated on first start and kept in DATA_DIR. */
  adminToken: string | undefined
  publicUrl: string
  maxFrameBytes: number
  fsyncIntervalMs: number
  idleUnloadMs: number
  checkpointEvery: number
  /** Sockets that miss a ping for this long are dropped. */
  heartbeatMs: number
  /** A connection that heard nothing for this long is sent an empty update (stock clients give up at 30 s). */
  keepAliveMs: number
  /** Per connection: sync update messages in a burst, and per second sustained (a drag sends ~60/s). */
  updateBurst: number
  updatesPerSecond: number
  logLevel: string
}

function int(env: Record<string, string | undefined>, name: string, fallback: number, min = 0): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`)
  return n
}

export function readConfig(env: Record<string, string | undefined>): Config {
  const port = int(env, 'PORT', 8787)
  const host = env.HOST || '127.0.0.1'
  return {
    port,
    host,
    dataDir: resolve(env.DATA_DIR || './data'),
    adminToken: env.ADMIN_TOKEN || undefined,
    publicUrl: (env.PUBLIC_URL || '').replace(/\/+$/, ''),
    maxFrameBytes: int(env, 'MAX_FRAME_BYTES', 8 * 1024 * 1024, 1024),
    fsyncIntervalMs: int(env, 'FSYNC_INTERVAL_MS', 50),
    idleUnloadMs: int(env, 'IDLE_UNLOAD_MS', 30_000),
    checkpointEvery: int(env, 'CHECKPOINT_EVERY', 1000, 1),
    heartbeatMs: int(env, 'HEARTBEAT_MS', 30_000, 10),
    keepAliveMs: int(env, 'KEEPALIVE_MS', 15_000, 10),
    updateBurst: int(env, 'UPDATE_BURST', 300, 1),
    updatesPerSecond: int(env, 'UPDATES_PER_SECOND', 100, 1),
    logLevel: env.LOG_LEVEL || 'info'
  }
}
