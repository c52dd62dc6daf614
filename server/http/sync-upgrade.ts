import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocket, WebSocketServer } from 'ws'
import { isBoardId } from '../../shared/board-id'
import { CloseCode } from '../../shared/close-codes'
import { ADMIN_PARTICIPANT_ID, type Access, type Ejection } from '../auth/access'
import { IpLimiter, type IpLimitOptions } from '../auth/ip-limit'
import { originAllowed } from '../auth/origins'
import { every, systemClock, type Clock, type ClockTimer } from '../clock'
import type { Logger } from '../log'
import { newConnectionId } from '../observability/request-id'
import type { MetadataStore } from '../store/metadata'
import type { RoomRegistry } from '../sync/room-registry'
import type { Participant } from '../sync/sync-socket'
import { NO_SYNC_TELEMETRY, type SyncTelemetry } from '../sync/sync-telemetry'
import { BinaryFrames } from './binary-frames'
import { WebSocketSyncSocket } from './web-socket-sync-socket'

export interface SyncEndpointOptions {
  access: Access
  metadata: MetadataStore
  registry: RoomRegistry
  log: Logger
  now: () => number
  /** What a token's expiry, the ping heartbeat and the keepalive wait on (its `now` is `now`'s). */
  clock?: Pick<Clock, 'setTimeout' | 'clearTimeout'>
  publicUrl: () => string
  maxFrameBytes: number
  /** Sockets that do not answer a ping within this period are dropped. */
  heartbeatMs: number
  /** A connection that heard nothing for this long gets a keepalive message. */
  keepAliveQuietMs: number
  /** Connections per remote address; absent: unlimited. */
  connectLimit?: IpLimitOptions
  /** Told about refused upgrades and oversized frames (metrics). */
  telemetry?: SyncTelemetry
}

type Verdict =
  | { ok: true; boardId: string; participant: Participant; token: string; expiresAt: number | null }
  | { ok: false; code: number; reason: string }

/** What is known of each accepted socket, so a revocation or an archive can close it at once. */
interface LiveSocket {
  boardId: string
  participantId: string
  /** Closes the socket and takes it out of its room at once: nothing it sends after counts. */
  shut(code: number, reason: string): void
}

/** The longest a timer can wait (about 24.8 days); later expiries are looked at again then. */
const MAX_TIMER_MS = 2 ** 31 - 1

const MAX_REASON_BYTES = 120

/**
 * The WebSocket side of `/sync/:boardId?token=`: authenticates before the handshake completes
 * (nothing is queued for an unauthenticated socket), then hands the socket to the room registry.
 * Refusals complete the handshake and close with the contract's code, because a stock client treats
 * 44xx as final while it retries a refused handshake forever.
 */
export function attachSyncEndpoint(server: Server, options: SyncEndpointOptions): { close(): void } {
  // No permessage-deflate: besides its CPU cost, a compressing ws queues frames of its own, and
  // relays write prepared frames straight to the socket (see wire).
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes, perMessageDeflate: false })
  const frames = new BinaryFrames()
  const alive = new WeakSet<WebSocket>()
  let accepting = true

  const limiter = options.connectLimit ? new IpLimiter(options.connectLimit) : null
  const live = new Map<WebSocket, LiveSocket>()
  const stopEjecting = options.access.onEject((e) => eject(live, e))
  const telemetry = options.telemetry ?? NO_SYNC_TELEMETRY
  const clock = options.clock ?? systemClock
  // The board id is not logged for a refusal: unvalidated, it is whatever the caller put in the URL.
  const refused = (log: Logger, code: string, reason?: string) => {
    telemetry.upgradeRefused(code)
    log.info({ code, reason }, 'sync refused')
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {})
    // Every log line about this connection carries its id; never its URL, which holds the token.
    const log = options.log.child({ conn: newConnectionId() })
    const path = (req.url ?? '').split('?')[0] ?? ''
    if (!accepting || !path.startsWith('/sync/')) {
      refused(log, accepting ? 'http-404' : 'http-503')
      socket.end(`HTTP/1.1 ${accepting ? '404 Not Found' : '503 Service Unavailable'}\r\nConnection: close\r\n\r\n`)
      return
    }
    // Before any work for it (no token check, nothing queued): a flood from one address runs dry here.
    if (limiter && !limiter.take(req.socket.remoteAddress, options.now())) {
      refused(log, 'http-429')
      socket.end(`HTTP/1.1 429 Too Many Requests\r\nRetry-After: ${limiter.retryAfterSeconds}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
      return
    }
    authorize(req, options).then(
      (verdict) => {
        if (socket.destroyed) return
        wss.handleUpgrade(req, socket, head, (ws) => {
          if (!verdict.ok) {
            refused(log, String(verdict.code), verdict.reason)
            return ws.close(verdict.code, verdict.reason)
          }
          if (!accepting) {
            refused(log, String(CloseCode.restarting))
            return ws.close(CloseCode.restarting, 'server restarting')
          }
          alive.add(ws)
          track(ws, verdict, wire(ws, socket, frames, verdict, options, alive, log, telemetry))
        })
      },
      (err: Error) => {
        refused(log, 'http-500')
        log.error({ err }, 'sync upgrade failed')
        socket.end('HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\n\r\n')
      }
    )
  })

  /**
   * Remembers an accepted socket until it closes, closes it when its token expires, and looks at its
   * token once more now that it is tracked: a revocation that landed while it was being accepted
   * (after the first look, before it could be ejected) closes it too.
   */
  function track(ws: WebSocket, verdict: Extract<Verdict, { ok: true }>, shut: LiveSocket['shut']): void {
    live.set(ws, { boardId: verdict.boardId, participantId: verdict.participant.id, shut })
    let expiry: ClockTimer | null = null
    const armExpiry = () => {
      if (verdict.expiresAt === null) return
      const wait = verdict.expiresAt - options.now()
      if (wait <= 0) return shut(CloseCode.unauthorized, 'token expired')
      expiry = clock.setTimeout(armExpiry, Math.min(wait, MAX_TIMER_MS))
      expiry.unref()
    }
    armExpiry()
    ws.once('close', () => {
      live.delete(ws)
      if (expiry) clock.clearTimeout(expiry)
    })
    void stillAllowed(verdict, options).then(
      (refusal) => {
        if (refusal) shut(refusal.code, refusal.reason)
      },
      () => {}
    )
  }

  const heartbeat = every(clock, options.heartbeatMs, () => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate()
        continue
      }
      alive.delete(ws)
      ws.ping()
    }
  })
  const keepAlive = every(clock, options.keepAliveQuietMs / 3, () => options.registry.keepAlive(options.keepAliveQuietMs))

  return {
    close() {
      accepting = false
      stopEjecting()
      heartbeat.stop()
      keepAlive.stop()
    }
  }
}

function wire(
  ws: WebSocket,
  raw: Duplex,
  frames: BinaryFrames,
  verdict: Extract<Verdict, { ok: true }>,
  options: SyncEndpointOptions,
  alive: WeakSet<WebSocket>,
  connLog: Logger,
  telemetry: SyncTelemetry
): LiveSocket['shut'] {
  let shutDown = false
  const log = connLog.child({ board: verdict.boardId, participant: verdict.participant.id })
  const opened = performance.now()
  /** The code this side closed with, if it closed first: the close event alone cannot tell an echo from the peer's own close. */
  let closedWith: number | null = null
  const close = (code: number, reason: string) => {
    closedWith ??= code
    ws.close(code, truncate(reason))
  }
  const socket = new WebSocketSyncSocket(ws, raw, frames, close)
  const handle = options.registry.connect(verdict.boardId, socket, verdict.participant)
  ws.on('pong', () => alive.add(ws))
  ws.on('message', (data, isBinary) => {
    if (shutDown) return
    alive.add(ws)
    if (!isBinary) {
      telemetry.updateRefused('malformed')
      return close(CloseCode.malformed, 'text frames are not part of the protocol')
    }
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)
    handle.receive(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  })
  log.info({ role: verdict.participant.role }, 'sync connected')
  ws.on('close', (code) => {
    handle.closed()
    const ms = Math.round(performance.now() - opened)
    log.info({ code: closedWith ?? code, by: closedWith === null ? 'client' : 'server', ms }, 'sync closed')
  })
  ws.on('error', (err) => {
    // ws closes a frame over maxPayload with 1009 itself; this is the only place that hears of it.
    if ((err as NodeJS.ErrnoException).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
      closedWith ??= CloseCode.tooBig
      telemetry.updateRefused('too-big')
    }
    log.debug({ err }, 'socket error')
  })
  return (code, reason) => {
    if (shutDown) return
    shutDown = true
    close(code, reason)
    handle.closed()
  }
}

async function authorize(req: IncomingMessage, options: SyncEndpointOptions): Promise<Verdict> {
  const url = new URL(req.url ?? '/', 'http://localhost')
  let boardId: string
  try {
    boardId = decodeURIComponent(url.pathname.slice('/sync/'.length))
  } catch {
    return { ok: false, code: CloseCode.notFound, reason: 'no such board' }
  }
  if (!isBoardId(boardId)) return { ok: false, code: CloseCode.notFound, reason: 'no such board' }
  const principal = await options.access.authenticate(url.searchParams.get('token'))
  if (!principal) return { ok: false, code: CloseCode.unauthorized, reason: 'missing, invalid, expired or revoked token' }
  if (principal.kind === 'participant' && principal.claims.board !== boardId) {
    return { ok: false, code: CloseCode.unauthorized, reason: 'token is for another board' }
  }
  const board = await options.metadata.getBoard(boardId)
  if (!board) return { ok: false, code: CloseCode.notFound, reason: 'no such board' }
  if (board.archived) return { ok: false, code: CloseCode.forbidden, reason: 'board is archived' }
  if (!originAllowed(req.headers.origin, board.allowedOrigins, req.headers.host, options.publicUrl())) {
    return { ok: false, code: CloseCode.forbidden, reason: 'origin not allowed' }
  }
  const token = url.searchParams.get('token') ?? ''
  if (principal.kind === 'admin') {
    return { ok: true, boardId, participant: { id: ADMIN_PARTICIPANT_ID, role: 'facilitator', name: 'Admin' }, token, expiresAt: null }
  }
  const { participant } = principal
  if (participant.firstConnectedAt === null) {
    // Recorded for the metrics but not waited for: a metadata write must never delay a sync (900
    // first connections at once each waited for a rewrite of the metadata file).
    options.metadata
      .updateParticipant(participant.id, { firstConnectedAt: options.now() })
      .catch((err: Error) => options.log.warn({ err }, 'could not record a first connection'))
  }
  return {
    ok: true,
    boardId,
    participant: {
      id: participant.id,
      role: participant.role,
      name: participant.name,
      invite: principal.invite?.groupInviteId ?? participant.inviteId,
      address: strikeAddress(req.socket.remoteAddress, options)
    },
    token,
    expiresAt: principal.claims.exp * 1000
  }
}

const LOOPBACK = /^(?:127\.|::1$|::ffff:127\.)/

/**
 * The address a participant's strikes count under (see RebuildGuard), or null: loopback is one address
 * for everyone behind a reverse proxy on the same host, so it counts only when it is rate limited too.
 */
function strikeAddress(address: string | undefined, options: SyncEndpointOptions): string | null {
  if (!address) return null
  if (LOOPBACK.test(address) && !options.connectLimit?.limitLoopback) return null
  return address
}

/** Why an accepted socket may no longer be open (its token was revoked, its board archived), or null. */
async function stillAllowed(verdict: Extract<Verdict, { ok: true }>, options: SyncEndpointOptions): Promise<{ code: number; reason: string } | null> {
  const [principal, board] = await Promise.all([options.access.authenticate(verdict.token), options.metadata.getBoard(verdict.boardId)])
  if (!principal) return { code: CloseCode.unauthorized, reason: 'access revoked' }
  if (!board) return { code: CloseCode.notFound, reason: 'no such board' }
  if (board.archived) return { code: CloseCode.forbidden, reason: 'board is archived' }
  return null
}

function eject(live: Map<WebSocket, LiveSocket>, e: Ejection): number {
  const ids = e.participantIds === 'all' ? null : new Set(e.participantIds)
  let closed = 0
  for (const [ws, s] of live) {
    if (s.boardId !== e.boardId || (ids && !ids.has(s.participantId))) continue
    live.delete(ws)
    s.shut(e.code, e.reason)
    closed++
  }
  return closed
}

function truncate(reason: string): string {
  const buf = Buffer.from(reason)
  return buf.length <= MAX_REASON_BYTES ? reason : buf.subarray(0, MAX_REASON_BYTES).toString('utf8').replace(/\uFFFD$/, '')
}
