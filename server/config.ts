import { resolve } from 'node:path'
import { parseMetricsAccess, type MetricsAccess } from './observability/prometheus-access'

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
  /** Per participant and board, all its connections together: update bytes in a burst, and per second. */
  participantBytesBurst: number
  participantBytesPerSecond: number
  /** Structs one sync update may hold (60,000 concepts take 240,000). */
  maxUpdateStructs: number
  logLevel: string
  /** A reverse proxy in front sets X-Forwarded-For: judge requests by it (TRUST_PROXY=1). */
  trustProxy: boolean
  /** Serve the client's source maps under /assets (SOURCE_MAPS=1); off by default. */
  serveSourceMaps: boolean
  /** Who may scrape GET /metrics: loopback (default), token (admin Bearer), loopback-or-token, off. */
  metricsAccess: MetricsAccess
  /** Per remote address: WebSocket connections in a burst, and per second sustained (else HTTP 429). */
  connectBurst: number
  connectsPerSecond: number
  /** Per remote address: people joining through group links in a burst, and per minute sustained. */
  joinBurst: number
  joinsPerMinute: number
  /** Whether loopback addresses are rate limited too (RATE_LIMIT_LOOPBACK=1; off by default). */
  rateLimitLoopback: boolean
  /** Automatic snapshots of an active board this often (SNAPSHOT_INTERVAL_MS, or SNAPSHOT_INTERVAL_MINUTES, default 10). */
  snapshotIntervalMs: number
  /** Quiet that separates sessions found from activity (SESSION_GAP_MS, or SESSION_GAP_MINUTES, default 30). */
  sessionGapMs: number
  /** PostgreSQL (DATABASE_URL) instead of the embedded store: what several instances share. */
  databaseUrl: string | undefined
  /** The schema holding the tables in that database (DATABASE_SCHEMA, default common_ground). */
  databaseSchema: string | undefined
  /** Redis (REDIS_URL) carrying updates and presence between instances; needs DATABASE_URL. */
  redisUrl: string | undefined
  /** Without Redis, each loaded board reads its journal for other instances' entries this often (FANOUT_POLL_MS). */
  fanoutPollMs: number
}

function int(env: Record<string, string | undefined>, name: string, fallback: number, min = 0): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`)
  return n
}

/** A duration given in ms (`msName`) or in possibly fractional minutes (`minutesName`). */
function duration(env: Record<string, string | undefined>, msName: string, minutesName: string, fallbackMinutes: number): number {
  if (env[msName]) return int(env, msName, 0)
  const raw = env[minutesName]
  if (raw === undefined || raw === '') return fallbackMinutes * 60_000
  const minutes = Number(raw)
  if (!Number.isFinite(minutes) || minutes < 0) throw new Error(`${minutesName} must be a number of minutes ≥ 0, got "${raw}"`)
  return Math.round(minutes * 60_000)
}

/** An admin token shorter than this is refused at start: it could be guessed (see docs/operations.md). */
export const MIN_ADMIN_TOKEN_LENGTH = 16

function adminToken(env: Record<string, string | undefined>): string | undefined {
  const token = env.ADMIN_TOKEN || undefined
  if (token !== undefined && token.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new Error(`ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters (32 random ones are better); unset, one is generated`)
  }
  return token
}

export function readConfig(env: Record<string, string | undefined>): Config {
  const port = int(env, 'PORT', 8787)
  const host = env.HOST || '127.0.0.1'
  return {
    port,
    host,
    dataDir: resolve(env.DATA_DIR || './data'),
    adminToken: adminToken(env),
    publicUrl: (env.PUBLIC_URL || '').replace(/\/+$/, ''),
    maxFrameBytes: int(env, 'MAX_FRAME_BYTES', 8 * 1024 * 1024, 1024),
    fsyncIntervalMs: int(env, 'FSYNC_INTERVAL_MS', 50),
    idleUnloadMs: int(env, 'IDLE_UNLOAD_MS', 30_000),
    checkpointEvery: int(env, 'CHECKPOINT_EVERY', 1000, 1),
    heartbeatMs: int(env, 'HEARTBEAT_MS', 30_000, 10),
    keepAliveMs: int(env, 'KEEPALIVE_MS', 15_000, 10),
    updateBurst: int(env, 'UPDATE_BURST', 300, 1),
    updatesPerSecond: int(env, 'UPDATES_PER_SECOND', 100, 1),
    participantBytesBurst: int(env, 'PARTICIPANT_BYTES_BURST', 32 * 1024 * 1024, 1024),
    participantBytesPerSecond: int(env, 'PARTICIPANT_BYTES_PER_SECOND', 512 * 1024, 1),
    maxUpdateStructs: int(env, 'MAX_UPDATE_STRUCTS', 50_000, 100),
    logLevel: env.LOG_LEVEL || 'info',
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    serveSourceMaps: env.SOURCE_MAPS === '1' || env.SOURCE_MAPS === 'true',
    metricsAccess: parseMetricsAccess(env.METRICS_ACCESS),
    connectBurst: int(env, 'CONNECT_BURST', 60, 1),
    connectsPerSecond: int(env, 'CONNECTS_PER_SECOND', 10, 1),
    joinBurst: int(env, 'JOIN_BURST', 30, 1),
    joinsPerMinute: int(env, 'JOINS_PER_MINUTE', 30, 1),
    rateLimitLoopback: env.RATE_LIMIT_LOOPBACK === '1' || env.RATE_LIMIT_LOOPBACK === 'true',
    snapshotIntervalMs: duration(env, 'SNAPSHOT_INTERVAL_MS', 'SNAPSHOT_INTERVAL_MINUTES', 10),
    sessionGapMs: duration(env, 'SESSION_GAP_MS', 'SESSION_GAP_MINUTES', 30),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseSchema: env.DATABASE_SCHEMA || undefined,
    redisUrl: redisUrl(env),
    fanoutPollMs: int(env, 'FANOUT_POLL_MS', 250, 10)
  }
}

function redisUrl(env: Record<string, string | undefined>): string | undefined {
  const url = env.REDIS_URL || undefined
  // Instances sharing boards must share their journals too: embedded journals are per machine.
  if (url && !env.DATABASE_URL) throw new Error('REDIS_URL needs DATABASE_URL: several instances share boards only through PostgreSQL')
  if (url && !/^rediss?:\/\//.test(url)) throw new Error(`REDIS_URL must be a redis:// or rediss:// URL, got "${url.slice(0, 40)}"`)
  return url
}
