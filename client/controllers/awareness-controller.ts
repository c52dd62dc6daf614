import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { Awareness } from 'y-protocols/awareness'
import { isRole, type Role } from '../../shared/roles'
import { isMapView, type MapView } from '../../shared/sync/board-events'
import { ROLE_COLORS } from '../model/roles-ui'

/** The awareness state every Common Ground client publishes (documented in docs/api.md). */
export interface LocalPresence {
  user: { name: string; role: Role; color: string }
  /** Pointer position in map coordinates, or null when the pointer is off the map. */
  cursor: { x: number; y: number } | null
  /** Ids of the concepts and links this participant has selected. */
  selection: string[]
  /** Id of the concept or link whose label is being edited, or null. */
  editing: string | null
  /** The part of the map on this participant's screen, for those who follow them. */
  view?: MapView | null
}

export interface Peer extends LocalPresence {
  clientId: number
}

const CURSOR_INTERVAL_MS = 50
/** A view moves with every frame of a pan: followers get it a few times a second. */
const VIEW_INTERVAL_MS = 150

/**
 * The others on the board, read from awareness (states that do not look like ours are ignored:
 * they come from other kinds of clients), and this participant's own state. `watch` says which
 * changes re-render the host, so the board does not re-render for every cursor twitch and the
 * cursor layer does not re-render for selection changes.
 */
export class AwarenessController implements ReactiveController {
  peers: Peer[] = []
  private awareness: Awareness | null = null
  private signature = ''
  private pendingCursor: { x: number; y: number } | null | undefined = undefined
  private cursorTimer: ReturnType<typeof setTimeout> | null = null
  private lastCursorSent = 0
  private local: LocalPresence | null = null
  private pendingView: MapView | null = null
  private viewTimer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly watch: 'presence' | 'cursors'
  ) {
    host.addController(this)
  }

  hostConnected(): void {
    window.addEventListener('pageshow', this.onPageShow)
  }

  hostDisconnected(): void {
    window.removeEventListener('pageshow', this.onPageShow)
    this.bind(null)
  }

  bind(awareness: Awareness | null): void {
    if (awareness === this.awareness) return
    this.awareness?.off('change', this.onChange)
    this.awareness = awareness
    this.local = null
    if (this.viewTimer) clearTimeout(this.viewTimer)
    this.viewTimer = null
    this.peers = []
    this.signature = ''
    awareness?.on('change', this.onChange)
    this.read()
  }

  /** Publishes this participant's identity; until then the others do not see them. */
  join(user: LocalPresence['user']): void {
    this.local = { user, cursor: null, selection: [], editing: null }
    this.awareness?.setLocalState(this.local)
  }

  /** Joins once per connection and name (a bind starts over), carrying the selection made before. */
  joinAs(user: LocalPresence['user'], selection: string[]): void {
    if (!this.awareness || this.local?.user.name === user.name) return
    this.join(user)
    this.setSelection(selection, null)
  }

  setSelection(selection: string[], editing: string | null): void {
    if (!this.local || !this.awareness) return
    if (same(this.local.selection, selection) && this.local.editing === editing) return
    this.local = { ...this.local, selection, editing }
    this.awareness.setLocalState(this.local)
  }

  /** Cursor updates are throttled: each one is a message to every participant. */
  setCursor(cursor: { x: number; y: number } | null): void {
    if (!this.local || !this.awareness) return
    this.pendingCursor = cursor ? { x: Math.round(cursor.x), y: Math.round(cursor.y) } : null
    if (this.cursorTimer) return
    const wait = Math.max(0, this.lastCursorSent + CURSOR_INTERVAL_MS - performance.now())
    this.cursorTimer = setTimeout(this.flushCursor, cursor === null ? 0 : wait)
  }

  /** The view is throttled like the cursor; the latest one is sent. */
  setView(view: MapView): void {
    if (!this.local || !this.awareness) return
    this.pendingView = { x: Math.round(view.x), y: Math.round(view.y), w: Math.round(view.w), h: Math.round(view.h) }
    if (this.viewTimer) return
    this.viewTimer = setTimeout(this.flushView, VIEW_INTERVAL_MS)
  }

  private readonly flushView = (): void => {
    this.viewTimer = null
    if (!this.local || !this.awareness || !this.pendingView) return
    this.local = { ...this.local, view: this.pendingView }
    this.pendingView = null
    this.awareness.setLocalState(this.local)
  }

  private readonly flushCursor = (): void => {
    this.cursorTimer = null
    if (!this.local || !this.awareness || this.pendingCursor === undefined) return
    this.lastCursorSent = performance.now()
    this.local = { ...this.local, cursor: this.pendingCursor }
    this.pendingCursor = undefined
    this.awareness.setLocalState(this.local)
  }

  private readonly onPageShow = (e: PageTransitionEvent): void => {
    // Back from the back/forward cache: the state was cleared on pagehide.
    if (e.persisted && this.local) this.awareness?.setLocalState(this.local)
  }

  private readonly onChange = (): void => this.read()

  private read(): void {
    const a = this.awareness
    const peers: Peer[] = []
    if (a) {
      for (const [clientId, state] of a.getStates()) {
        if (clientId === a.clientID) continue
        const peer = toPeer(clientId, state)
        if (peer) peers.push(peer)
      }
    }
    peers.sort((p, q) => p.user.name.localeCompare(q.user.name) || p.clientId - q.clientId)
    const signature = JSON.stringify(
      peers.map((p) => (this.watch === 'cursors' ? [p.clientId, p.user, p.cursor] : [p.clientId, p.user, p.selection, p.editing]))
    )
    if (signature === this.signature) return
    this.signature = signature
    this.peers = peers
    this.host.requestUpdate()
  }
}

function toPeer(clientId: number, state: Record<string, unknown>): Peer | null {
  const user = state.user as Record<string, unknown> | undefined
  if (!user || typeof user.name !== 'string') return null
  const role: Role = isRole(user.role) ? user.role : 'viewer'
  const color = typeof user.color === 'string' && /^#[0-9a-f]{3,8}$/i.test(user.color) ? user.color : ROLE_COLORS[role]
  const c = state.cursor as Record<string, unknown> | null | undefined
  const cursor = c && typeof c.x === 'number' && typeof c.y === 'number' && Number.isFinite(c.x) && Number.isFinite(c.y)
    ? { x: c.x, y: c.y }
    : null
  const selection = Array.isArray(state.selection) ? state.selection.filter((s): s is string => typeof s === 'string').slice(0, 2000) : []
  const editing = typeof state.editing === 'string' ? state.editing : null
  const view = isMapView(state.view) ? state.view : null
  return { clientId, user: { name: user.name.slice(0, 80), role, color }, cursor, selection, editing, view }
}

const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((v, i) => v === b[i])
