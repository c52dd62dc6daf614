import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { isBoardId } from '../../shared/board-id'
import { CloseCode } from '../../shared/close-codes'
import { ADMIN_PARTICIPANT_ID, type Access } from '../auth/access'
import type { Logger } from '../log'
import type { MetadataStore } from '../store/metadata'
import type { RoomRegistry } from '../sync/room-registry'
import type { Participant, SyncSocket } from '../sync/sync-socket'

export interface SyncEndpointOptions {
  access: Access
  metadata: MetadataStore
  registry: RoomRegistry
  log: Logger
  now: () => number
  publicUrl: () => string
  maxFrameBytes: number
  /** Sockets that do not answer a ping within this period are dropped. */
  heartbeatMs: number
  /** A connection that heard nothing for this long gets a keepalive message. */
  keepAliveQuietMs: number
}

type Verdict = { ok: true; boardId: string; participant: Participant } | { ok: false; code: number; reason: string }

const MAX_REASON_BYTES = 120

/**
 * The WebSocket side of `/sync/:boardId?token=`: authenticates before the handshake completes
 * (nothing is queued for an unauthenticated socket), then hands the socket to the room registry.
 * Refusals complete the handshake and close with the contract's code, because a stock client treats
 * 44xx as final while it retries a refused handshake forever.
 */
export function attachSyncEndpoint(server: Server, options: SyncEndpointOptions): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes, perMessageDeflate: false })
  const alive = new WeakSet<WebSocket>()
  let accepting = true

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {})
    const path = (req.url ?? '').split('?')[0] ?? ''
    if (!accepting || !path.startsWith('/sync/')) {
      socket.end(`HTTP/1.1 ${accepting ? '404 Not Found' : '503 Service Unavailable'}\r\nConnection: close\r\n\r\n`)
      return
    }
    authorize(req, options).then(
      (verdict) => {
        if (socket.destroyed) return
        wss.handleUpgrade(req, socket, head, (ws) => {
          if (!verdict.ok) return ws.close(verdict.code, verdict.reason)
          if (!accepting) return ws.close(CloseCode.restarting, 'server restarting')
          alive.add(ws)
          wire(ws, verdict, options, alive)
        })
      },
      (err: Error) => {
        options.log.error({ err }, 'sync upgrade failed')
        socket.end('HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\n\r\n')
      }
    )
  })

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate()
        continue
      }
      alive.delete(ws)
      ws.ping()
    }
  }, options.heartbeatMs)
  const keepAlive = setInterval(() => options.registry.keepAlive(options.keepAliveQuietMs), options.keepAliveQuietMs / 3)
  heartbeat.unref()
  keepAlive.unref()

  return {
    close() {
      accepting = false
      clearInterval(heartbeat)
      clearInterval(keepAlive)
    }
  }
}

function wire(ws: WebSocket, verdict: Extract<Verdict, { ok: true }>, options: SyncEndpointOptions, alive: WeakSet<WebSocket>) {
  const socket: SyncSocket = {
    send: (message) => ws.send(message, { binary: true }),
    close: (code, reason) => ws.close(code, truncate(reason)),
    get bufferedAmount() {
      return ws.bufferedAmount
    }
  }
  const handle = options.registry.connect(verdict.boardId, socket, verdict.participant)
  ws.on('pong', () => alive.add(ws))
  ws.on('message', (data, isBinary) => {
    alive.add(ws)
    if (!isBinary) return ws.close(CloseCode.malformed, 'text frames are not part of the protocol')
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)
    handle.receive(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  })
  ws.on('close', () => handle.closed())
  ws.on('error', (err) => options.log.debug({ board: verdict.boardId, err }, 'socket error'))
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
  if (!originAllowed(req, board.allowedOrigins, options.publicUrl())) {
    return { ok: false, code: CloseCode.forbidden, reason: 'origin not allowed' }
  }
  if (principal.kind === 'admin') {
    return { ok: true, boardId, participant: { id: ADMIN_PARTICIPANT_ID, role: 'facilitator', name: 'Admin' } }
  }
  const { participant } = principal
  if (participant.firstConnectedAt === null) {
    await options.metadata.updateParticipant(participant.id, { firstConnectedAt: options.now() })
  }
  return { ok: true, boardId, participant: { id: participant.id, role: participant.role, name: participant.name } }
}

/** Browsers always send Origin; scripts and servers may not, and then rely on their token alone. */
function originAllowed(req: IncomingMessage, allowed: string[], publicUrl: string): boolean {
  const origin = req.headers.origin
  if (!origin) return true
  if (allowed.includes(origin)) return true
  if (publicUrl && safeOrigin(publicUrl) === origin) return true
  const host = req.headers.host
  const parsed = safeUrl(origin)
  return !!host && !!parsed && parsed.host === host
}

const safeUrl = (s: string) => {
  try {
    return new URL(s)
  } catch {
    return null
  }
}
const safeOrigin = (s: string) => safeUrl(s)?.origin ?? null

function truncate(reason: string): string {
  const buf = Buffer.from(reason)
  return buf.length <= MAX_REASON_BYTES ? reason : buf.subarray(0, MAX_REASON_BYTES).toString('utf8').replace(/\uFFFD$/, '')
}
