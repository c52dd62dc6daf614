import type { ReactiveController, ReactiveControllerHost } from 'lit'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import * as authProtocol from 'y-protocols/auth'
import type { Awareness } from 'y-protocols/awareness'
import { CloseCode } from '../../shared/close-codes'
import { isUpdateRefusal, type UpdateRefusal } from '../../shared/sync/refusal-reasons'
import { useJitteredReconnect } from '../../shared/reconnect-backoff'
import { BoardOps } from '../model/board-ops'
import { JournalAck, type SaveState } from './journal-ack'
import { OfflineCopy, type OfflineCopyState } from './offline-copy'
import { takeServerUpdates } from './server-updates'
import { adoptingWebSocket } from './early-socket'
import { wsBase } from './sync-url'

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'offline' | 'reconnecting' | 'closed'

/**
 * One open connection to a board: its document, presence and the provider carrying them. (A
 * session, in the API, is a stretch of a board's life: shared/api/sessions.ts.)
 */
export interface BoardConnection {
  boardId: string
  doc: Y.Doc
  awareness: Awareness
  /** The origin of every local transaction; the undo manager tracks this and nothing else. */
  origin: object
  ops: BoardOps
  /** The stock provider, for opt-in extensions of the protocol (journal acknowledgement, board events). */
  provider: WebsocketProvider
}

export interface ConnectionConfig {
  boardId: string
  token: string
  /** http(s) base URL of the server; the page's origin when empty. */
  server?: string | null
}

/** How long "your change was not kept" stays on screen. */
const REFUSAL_NOTICE_MS = 10_000

/** How long to wait for the local copy before showing the board as loaded anyway (IndexedDB can be unavailable). */
const LOCAL_LOAD_TIMEOUT_MS = 1500

/**
 * Owns the board's Y.Doc for as long as the host is on the page: the local copy (IndexedDB), the
 * stock y-websocket provider, and what the interface says about them (status, saved, refusals).
 */
export class ConnectionController implements ReactiveController {
  status: ConnectionStatus = 'idle'
  /** Synced with the server on the current connection. */
  synced = false
  /** The local copy has loaded (or given up), so the map shown is the best we have. */
  loaded = false
  /** Whether edits are kept on this device too: 'off' where the browser refuses storage (offline-copy.ts). */
  offlineCopy: OfflineCopyState = 'checking'
  save: SaveState = 'unknown'
  /** The last close code the server sent, kept so the status can say why. */
  closeCode: number | null = null
  /** The server takes no changes from this participant at all (a viewer's role), with its reason. */
  denied: string | null = null
  /**
   * The last change the server did not keep (refused, and its effect removed everywhere, this
   * document included), while the notice about it shows.
   */
  refused: UpdateRefusal | null = null
  private refusedTimer: ReturnType<typeof setTimeout> | null = null
  current: BoardConnection | null = null

  private config: ConnectionConfig | null = null
  private attached = false
  private provider: WebsocketProvider | null = null
  private local: OfflineCopy | null = null
  private ack: JournalAck | null = null
  private everConnected = false
  private teardownFns: (() => void)[] = []

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onConnection: (connection: BoardConnection | null) => void
  ) {
    host.addController(this)
  }

  configure(config: ConnectionConfig | null): void {
    const same =
      config && this.config &&
      config.boardId === this.config.boardId &&
      config.token === this.config.token &&
      (config.server ?? '') === (this.config.server ?? '')
    if (same || (!config && !this.config)) return
    this.close()
    this.config = config
    if (this.attached) this.open()
  }

  hostConnected(): void {
    this.attached = true
    if (this.config && !this.current) this.open()
  }

  hostDisconnected(): void {
    this.attached = false
    this.close()
  }

  /** Whether the server will take changes, as far as the client can tell. */
  get canSend(): boolean {
    return this.denied === null && this.status !== 'closed'
  }

  private open(): void {
    const config = this.config
    if (!config?.boardId || !config.token) return
    const doc = new Y.Doc()
    const origin = { participant: 'local' }
    const provider = new WebsocketProvider(wsBase(config.server), config.boardId, doc, {
      connect: false,
      params: { token: config.token },
      // The board page's socket may be open already (early-socket.ts); reconnections make new ones.
      WebSocketPolyfill: adoptingWebSocket()
    })
    // After a server restart every client loses its socket at once; jitter spreads their returns.
    const stopJitter = useJitteredReconnect(provider)
    this.provider = provider
    this.status = 'connecting'
    this.synced = false
    this.loaded = false
    this.offlineCopy = 'checking'
    this.save = 'unknown'
    this.closeCode = null
    this.denied = null
    this.everConnected = false

    provider.messageHandlers[2] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, doc, (_doc: unknown, reason: string) => this.onRefused(reason))
    }
    this.ack = new JournalAck(provider, () => this.refresh())
    const onStatus = ({ status }: { status: 'connected' | 'connecting' | 'disconnected' }) => {
      if (status === 'connected') this.everConnected = true
      this.refresh()
    }
    const onSync = () => this.refresh()
    const onConnectionClose = (event: CloseEvent | null) => {
      if (event) this.closeCode = event.code
      this.refresh()
    }
    const onClosed = (event: { code: number }) => {
      this.closeCode = event.code
      this.status = 'closed'
      this.host.requestUpdate()
    }
    provider.on('status', onStatus)
    provider.on('sync', onSync)
    provider.on('connection-close', onConnectionClose)
    provider.on('closed', onClosed)

    // Chromium keeps WebSockets open when the network goes away, so the browser's own signal
    // drives the connection: offline edits then queue locally and merge on reconnect.
    const onOffline = () => {
      provider.disconnect()
      this.refresh()
    }
    const onOnline = () => {
      if (this.status !== 'closed') provider.connect()
      this.refresh()
    }
    // Tell the others right away that this participant left (cursor gone), not after a timeout.
    const onPageHide = () => provider.awareness.setLocalState(null)
    window.addEventListener('offline', onOffline)
    window.addEventListener('online', onOnline)
    window.addEventListener('pagehide', onPageHide)

    let loaded = false
    const onLoaded = () => {
      if (loaded || this.provider !== provider) return
      loaded = true
      this.loaded = true
      this.refresh()
    }
    const local = new OfflineCopy(`common-ground:${config.boardId}`, doc, provider, () => {
      if (this.local !== local) return
      this.offlineCopy = local.state
      // onLoaded updates only once, and the load timeout may have been that once.
      if (local.loaded) onLoaded()
      this.refresh()
    })
    this.local = local
    const stopTaking = takeServerUpdates(provider, doc, local.take)
    // The socket opens while the local copy is probed for and loads, not after it (that wait was
    // 0.1–0.3 s of a first render). Either order ends in the same document: what the server sends
    // first is in the snapshot y-indexeddb stores when it opens, and the local copy's own edits, applied
    // later, reach the server as an ordinary update (the provider sends every change not from
    // itself), so offline edits still merge; a change the server refused is in the server's
    // state with its effect removed, so the local copy's bytes of it add nothing and bring
    // nothing back (docs/api.md "Refused updates").
    if (navigator.onLine) provider.connect()
    const timer = setTimeout(onLoaded, LOCAL_LOAD_TIMEOUT_MS)

    this.teardownFns = [
      stopJitter,
      stopTaking,
      () => local.close(),
      () => clearTimeout(timer),
      () => window.removeEventListener('offline', onOffline),
      () => window.removeEventListener('online', onOnline),
      () => window.removeEventListener('pagehide', onPageHide)
    ]
    this.current = {
      boardId: config.boardId,
      doc,
      awareness: provider.awareness,
      origin,
      ops: new BoardOps(doc, origin),
      provider
    }
    this.onConnection(this.current)
    this.refresh()
  }

  /**
   * Message type 2 (docs/api.md "Refused updates"): a viewer's role refuses everything; any other
   * reason refused one change, which the server has already undone here too (the revert arrived
   * first), so the board keeps going and says what was not kept.
   */
  private onRefused(reason: string): void {
    // Words of servers before the shared vocabulary.
    const known = reason === 'board is locked' ? 'locked' : reason === 'read-only role' ? 'read-only' : reason
    if (known === 'read-only' || !isUpdateRefusal(known)) {
      this.denied = known || 'permission denied'
    } else {
      this.refused = known
      if (this.refusedTimer) clearTimeout(this.refusedTimer)
      this.refusedTimer = setTimeout(() => {
        this.refused = null
        this.host.requestUpdate()
      }, REFUSAL_NOTICE_MS)
    }
    this.host.requestUpdate()
  }

  private close(): void {
    if (this.refusedTimer) clearTimeout(this.refusedTimer)
    this.refused = null
    for (const fn of this.teardownFns) fn()
    this.teardownFns = []
    if (this.current) this.onConnection(null)
    this.ack?.destroy()
    this.provider?.awareness.setLocalState(null)
    this.provider?.destroy()
    this.current?.doc.destroy()
    this.ack = null
    this.provider = null
    this.local = null
    this.current = null
    this.status = 'idle'
  }

  private refresh(): void {
    const p = this.provider
    if (!p) return
    if (this.status !== 'closed') {
      if (!navigator.onLine) this.status = 'offline'
      else if (p.wsconnected) this.status = 'connected'
      else if (this.everConnected || isTransient(this.closeCode)) this.status = 'reconnecting'
      else this.status = 'connecting'
    }
    this.synced = p.wsconnected && p.synced
    this.save = this.synced && this.ack ? this.ack.state : 'unknown'
    this.host.requestUpdate()
  }
}

function isTransient(code: number | null): boolean {
  return code === CloseCode.storageUnavailable || code === CloseCode.restarting || code === CloseCode.tryAgainLater
}
