import { html, LitElement, nothing, type PropertyValues } from 'lit'
import { CloseCode } from '../../shared/close-codes'
import { canWrite } from '../../shared/roles'
import { AwarenessController } from '../controllers/awareness-controller'
import { ConnectionController, type BoardConnection } from '../controllers/connection-controller'
import { EmbedOriginController } from '../controllers/embed-origin-controller'
import { LiveBoardController } from '../controllers/live-board-controller'
import { ViewSharingController } from '../controllers/view-sharing-controller'
import { PulseController } from '../controllers/pulse-controller'
import { ShortcutController } from '../controllers/shortcut-controller'
import { UndoController } from '../controllers/undo-controller'
import { VisitorController } from '../controllers/visitor-controller'
import { YjsMapController } from '../controllers/yjs-map-controller'
import { StreamController } from '../controllers/stream-controller'
import { AnnouncerController } from '../controllers/announcer-controller'
import { ROLE_COLORS } from '../model/roles-ui'
import { remoteMarks } from './marks'
import { boardStyles } from './board-styles'
import { registerBoardShortcuts } from './board-shortcuts'
import { BoardVoting } from './board-voting'
import { StreamTake, usedItems } from './stream-take'
import { runToolbarAction } from './toolbar-actions'
import { canPaste } from './canvas-clipboard'
import type { CgCanvas } from './cg-canvas'
import { MINIMAP_FROM } from './canvas-overview'
import { peopleShown } from './cg-presence'
import type { PulseAnswers } from './pulse-api'
import type { ToolbarAction } from './cg-toolbar'
import { needPresent } from './lazy-parts'
import './cg-canvas'
import './cg-board-notices'
import './cg-left-board'
import './cg-source-card'
import './cg-status'
import './cg-timer'
import './cg-toolbar'

/**
 * A live concept-mapping board: the one element a page (or an embed) needs. It wires the
 * controllers (connection, document, awareness, undo) to the elements that show and edit the map.
 */
export class CgBoard extends LitElement {
  static override properties = {
    boardId: { attribute: 'board-id' },
    token: {},
    server: {},
    name: {},
    pageKeys: { type: Boolean, attribute: 'page-keys' },
    helpOpen: { state: true },
    selectionSize: { state: true },
    zoom: { state: true },
    streamOpen: { state: true },
    streamHighlight: { state: true },
    cockpitOpen: { state: true },
    overviewOpen: { state: true },
    canPaste: { state: true },
    note: { state: true }
  }

  static override styles = boardStyles

  declare boardId: string
  declare token: string
  declare server: string | null
  declare name: string | null
  /** The board is the page (its own page or frame): keys pressed with nothing focused are its. */
  declare pageKeys: boolean
  declare helpOpen: boolean
  declare selectionSize: number
  declare zoom: number
  declare streamOpen: boolean
  declare streamHighlight: string | null
  /** The facilitator's live view (cockpit) is open. */
  declare cockpitOpen: boolean
  /** The overview of a large map is asked for on a narrow board (see cg-toolbar's `overview`). */
  declare overviewOpen: boolean
  declare canPaste: boolean
  /** A moment's message above the toolbar (see CanvasHost.tell). */
  declare note: string
  private noteTimer: ReturnType<typeof setTimeout> | undefined

  private readonly connection = new ConnectionController(this, (s) => this.onConnection(s))
  private readonly map = new YjsMapController(this)
  private readonly stream = new StreamController(this)
  /** The panel opens by itself once, when the stream first has items and the screen has room. */
  private streamShownOnce = false
  private readonly presence = new AwarenessController(this, 'presence')
  private readonly undo = new UndoController(this)
  private readonly live = new LiveBoardController(this, {
    ended: (id) => this.pulse.sessionEnded(id),
    bringEveryone: (m) => this.views.bringEveryone(m)
  }, () => this.boardId)
  private readonly views = new ViewSharingController(this, {
    show: (view) => this.canvas?.showView(view),
    say: (text) => this.announcer.say(text),
    selfId: () => this.visitor.claims.sub
  })
  private readonly pulse = new PulseController(
    this,
    () => ({ ...this.visitor.apiTarget, role: this.visitor.claims.role, session: this.live.state?.session?.id ?? null }),
    () => this.leaveBoard(),
    (text) => this.announcer.say(text)
  )
  /** Where every part of the board registers its keyboard shortcuts. */
  readonly shortcuts = new ShortcutController(this, {
    pageWide: () => this.pageKeys,
    mapKeys: (e) => this.canvas?.handleKey(e) ?? false
  })
  private readonly voting = new BoardVoting(this, {
    ballot: () => ({ target: this.visitor.apiTarget, role: this.visitor.claims.role }),
    isConcept: (id) => this.map.concepts.has(id),
    connected: () => Boolean(this.connection.current),
    say: (text) => this.announcer.say(text)
  })
  private readonly origin = new EmbedOriginController(this)
  private readonly visitor = new VisitorController(this, () => this)
  private readonly announcer = new AnnouncerController(this)
  private readonly streamTake = new StreamTake(
    () => ({ readOnly: this.readOnly, canvas: this.canvas, entry: (id) => this.stream.byId.get(id) }),
    // On a phone the map comes back into view (resolved once the panel is gone).
    async () => {
      if (window.innerWidth < 700) this.streamOpen = false
      await this.updateComplete
    }
  )
  private selection: string[] = []
  /** What the board was called, for the page shown after Leave (the map is gone by then). */
  private leftTitle = ''

  constructor() {
    super()
    this.boardId = ''
    this.token = ''
    this.server = null
    this.name = null
    this.pageKeys = false
    this.helpOpen = false
    this.selectionSize = 0
    this.zoom = 1
    this.streamOpen = false
    this.streamHighlight = null
    this.cockpitOpen = false
    this.overviewOpen = false
    this.canPaste = false
    this.note = ''
    registerBoardShortcuts(this.shortcuts, {
      undo: () => this.doUndo(),
      redo: () => this.doRedo(),
      help: () => void (this.helpOpen = true),
      stopFollowing: () => this.views.stop(),
      canvas: () => this.canvas
    })
  }

  private get readOnly(): boolean {
    return !canWrite(this.visitor.claims.role, this.live.locked) || this.connection.denied !== null || this.connection.status === 'closed'
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.visitor.check(this.connection.status === 'closed' && this.connection.closeCode === CloseCode.unauthorized)
    if (changed.has('boardId') || changed.has('server')) this.origin.check(this.boardId, this.server)
    if (!this.pulse.left) this.connection.configure(this.connectionConfig())
    const name = this.visitor.displayName
    const role = this.visitor.claims.role
    if (name) this.presence.joinAs({ name, role, color: ROLE_COLORS[role] }, this.selection)
    this.voting.votes.sync(this.connection.current ? this.live.state?.vote : null)
    this.announcer.connection(this.connection)
    if (!this.streamShownOnce && this.stream.entries.length > 0) {
      this.streamShownOnce = true
      if (window.innerWidth >= 1000 && !this.cockpitOpen) this.streamOpen = true
    }
    // The customer voice and the live view share the stage's right side: opening one puts the other away.
    if (changed.has('cockpitOpen') && this.cockpitOpen) this.streamOpen = false
    else if (changed.has('streamOpen') && this.streamOpen) this.cockpitOpen = false
  }

  protected override updated(): void {
    // The parts whose code loads when used (lazy-parts): the panels once shown, the dialogs once opened.
    needPresent(this.renderRoot, this.connection.synced || this.connection.loaded)
  }

  private connectionConfig() {
    const token = this.visitor.sessionToken
    const shown = this.origin.state === 'own' || this.origin.state === 'allowed'
    return this.boardId && token && shown ? { boardId: this.boardId, token, server: this.server } : null
  }

  protected override render() {
    if (this.origin.state === 'refused') {
      return html`<div class="refused" role="alert">
        <h2>This board can’t be shown on this site</h2>
        <p>${location.origin} is not on the list of sites allowed to show this board. If you run this site, ask the board’s facilitator to add it (console, Embed).</p>
      </div>`
    }
    if (this.pulse.left) return html`<cg-left-board .boardTitle=${this.leftTitle} .note=${this.pulse.leftNote} @cg-rejoin=${this.rejoin}></cg-left-board>`
    const c = this.connection
    const focusQuestion = this.map.focusQuestion
    const name = this.visitor.displayName
    const people = peopleShown(name ? { name, role: this.visitor.claims.role } : null, this.presence.peers, this.views.following?.clientId)
    const viewer = !canWrite(this.visitor.claims.role)
    return html`<div class="frame">
        <header>
          <div class="titles">
            <p class="title">${this.map.title || 'Common Ground'}</p>
            <h1 tabindex="-1">${focusQuestion || (c.loaded ? 'No focus question yet' : 'Loading the board…')}</h1>
          </div>
          ${this.stream.entries.length > 0 || this.visitor.claims.role === 'facilitator'
            ? html`<button type="button" class="stream-toggle" aria-pressed=${String(this.streamOpen)} @click=${() => (this.streamOpen = !this.streamOpen)}>
                Customer voice (${this.stream.entries.length})
              </button>`
            : nothing}
          <cg-timer .timer=${this.live.state?.timer ?? null} .clockOffset=${this.live.clockOffset}></cg-timer>
          <cg-presence .people=${people} @cg-follow=${this.onFollow}></cg-presence>
          <cg-status .status=${c.status} .synced=${c.synced} .save=${viewer ? 'unknown' : c.save} .closeCode=${c.closeCode} .kept=${c.offlineCopy !== 'off'}></cg-status>
        </header>
        <div>
          <cg-board-notices .role=${this.visitor.claims.role} .locked=${this.live.locked} .following=${this.views.following} .broughtBy=${this.views.broughtBy}
            .refused=${c.refused} .closed=${c.status === 'closed'} .closeCode=${c.closeCode} .denied=${c.denied}
            .noOfflineCopy=${c.offlineCopy === 'off' && !viewer}
            @cg-follow=${this.onFollow}></cg-board-notices>
        </div>
        <div class="stage" @pointerdown=${this.onStagePointerDown} @pointerup=${this.voting.clicks.up} @wheel=${this.onUserMovesView} @dragover=${this.streamTake.dragOver} @drop=${this.streamTake.drop}>
          <cg-canvas
            .concepts=${this.map.concepts}
            .links=${this.map.links}
            .marks=${this.voting.marks(remoteMarks(this.presence.peers))}
            .readOnly=${this.readOnly}
            .voting=${this.voting.placing}
            .ops=${c.current?.ops ?? null}
            .history=${this.undo}
            .awareness=${c.current?.awareness ?? null}
            .mapLabel=${focusQuestion ? `Concept map: ${focusQuestion}` : 'Concept map'}
            .loaded=${c.loaded}
            .synced=${c.synced}
            .overlays=${this.overlays}
            .overviewOpen=${this.overviewOpen}
            @cg-selection-change=${this.onSelectionChange}
            @cg-cursor=${(e: CustomEvent<{ x: number; y: number } | null>) => this.presence.setCursor(e.detail)}
            @cg-announce=${(e: CustomEvent<string>) => this.announcer.say(e.detail)}
            @cg-note=${this.onNote}
            @cg-zoom=${(e: CustomEvent<number>) => (this.zoom = e.detail)}
            @cg-view-change=${this.onViewChange}
          ></cg-canvas>
          <div class="dock"><cg-toolbar
            .readOnly=${this.readOnly}
            .canUndo=${this.undo.canUndo}
            .canRedo=${this.undo.canRedo}
            .hasSelection=${this.selectionSize > 0}
            .canConnect=${this.map.concepts.size > 1}
            .canLayout=${this.map.concepts.size > 1}
            .canPaste=${this.canPaste}
            .note=${this.note}
            @cg-menu-open=${() => void canPaste().then((can) => (this.canPaste = can))}
            .zoom=${this.zoom}
            .overview=${this.map.concepts.size >= MINIMAP_FROM ? this.overviewOpen : null}
            @cg-action=${this.onAction}
          ></cg-toolbar></div>
          <cg-source-card .entry=${this.sourceEntry} ?under-tools=${!this.readOnly} @cg-stream-show=${this.showInStream}></cg-source-card>
          ${this.streamOpen
            ? html`<cg-stream-panel
                .entries=${this.stream.entries}
                .used=${usedItems(this.map.concepts)}
                .readOnly=${this.readOnly}
                .highlight=${this.streamHighlight}
                .target=${this.visitor.claims.role === 'facilitator' && c.current ? this.visitor.apiTarget : null}
                @cg-stream-take=${(e: CustomEvent<string>) => this.streamTake.take(e.detail)}
                @cg-stream-locate=${(e: CustomEvent<string>) => void this.streamTake.show(e.detail)}
                @cg-stream-close=${() => (this.streamOpen = false)}
              ></cg-stream-panel>`
            : nothing}
          ${this.voting.panel(this.map.concepts)}
          ${this.cockpitOpen && this.visitor.claims.role === 'facilitator' && c.current
            ? html`<cg-live-panel .target=${this.visitor.apiTarget} .sessionStart=${this.live.state?.session?.start ?? null}
                @cg-live-close=${() => (this.cockpitOpen = false)}></cg-live-panel>`
            : nothing}
        </div>
        <footer class="exports">
          ${this.visitor.claims.role === 'facilitator' && c.current
            ? html`<cg-facilitator-bar .target=${this.visitor.apiTarget} .live=${this.live.state} .view=${this.currentView} .liveOpen=${this.cockpitOpen}
                @cg-live-toggle=${() => (this.cockpitOpen = !this.cockpitOpen)}></cg-facilitator-bar>`
            : nothing}
          <div class="end">
            ${this.pulse.asks && c.current ? html`<button type="button" @click=${() => this.pulse.startLeaving()}>Leave</button>` : nothing}
            <cg-export-menu board-id=${this.boardId} .token=${this.visitor.sessionToken} server=${this.server ?? ''} .map=${this.map}></cg-export-menu>
          </div>
        </footer>
      </div>
      <div class="sr-only" role="status" aria-live="polite">${this.announcer.text}</div>
      <cg-name-dialog .open=${(this.visitor.group.needsName && this.origin.state !== 'checking') || (Boolean(c.current) && !name && c.status !== 'closed')} .busy=${this.visitor.group.joining} .error=${this.visitor.group.error}
        @cg-name=${this.onName}></cg-name-dialog>
      <cg-help-dialog .open=${this.helpOpen} @cg-help-close=${() => (this.helpOpen = false)}></cg-help-dialog>
      <cg-pulse-dialog
        .open=${this.pulse.open}
        .reason=${this.pulse.reason}
        .busy=${this.pulse.busy}
        .error=${this.pulse.error}
        @cg-pulse-answer=${(e: CustomEvent<PulseAnswers>) => void this.pulse.answer(e.detail)}
        @cg-pulse-skip=${() => this.pulse.skip()}
      ></cg-pulse-dialog>`
  }

  private readonly rejoin = (): void => {
    this.pulse.rejoin()
    this.connection.configure(this.connectionConfig())
  }

  /** What floats over the map, the toolbar first: a fitted map keeps clear of it. */
  private readonly overlays = (): Element[] => [...this.renderRoot.querySelectorAll('.dock > cg-toolbar, .stage > cg-stream-panel, .stage > cg-live-panel, .stage > cg-vote-panel')]

  private get canvas(): CgCanvas | null {
    return this.renderRoot.querySelector('cg-canvas')
  }

  private onConnection(connection: BoardConnection | null): void {
    this.map.bind(connection?.doc ?? null)
    this.stream.bind(connection?.doc ?? null)
    this.presence.bind(connection?.awareness ?? null)
    this.undo.bind(connection?.doc ?? null, connection?.origin ?? null)
    this.live.bind(connection?.provider ?? null)
    this.views.bind(connection?.awareness ?? null)
  }

  /** After the pulse (or at once for those not asked): disconnect and tell the embedding page. */
  private leaveBoard(): void {
    this.leftTitle = this.map.focusQuestion || this.map.title
    this.connection.configure(null)
    this.dispatchEvent(new CustomEvent('cg-leave', { bubbles: true, composed: true }))
  }

  private readonly currentView = () => this.canvas?.visibleView() ?? null

  private readonly onViewChange = (): void => {
    const canvas = this.canvas
    if (canvas) this.presence.setView(canvas.visibleView())
  }

  /** Moving the map oneself ends following someone else's view; in voting mode a press may place a dot. */
  private readonly onStagePointerDown = (e: PointerEvent): void => {
    this.onUserMovesView()
    this.voting.clicks.down(e)
  }

  /** Moving the map oneself ends following someone else's view. */
  private readonly onUserMovesView = (): void => void this.views.stop()

  private readonly onFollow = (e: CustomEvent<string | null>): void => {
    const peer = e.detail === null ? null : this.presence.peers.find((p) => String(p.clientId) === e.detail)
    if (!peer) return void this.views.stop()
    this.views.follow({ clientId: peer.clientId, name: peer.user.name, color: peer.user.color })
  }

  private onSelectionChange = (e: CustomEvent<{ selection: string[]; editing: string | null }>): void => {
    this.selection = e.detail.selection
    this.selectionSize = e.detail.selection.length
    // The source card follows the selection even when its size stays the same.
    this.requestUpdate()
    this.presence.setSelection(e.detail.selection, e.detail.editing)
  }

  private readonly onName = (e: CustomEvent<string>): void => this.visitor.named(e.detail)

  /** The source of the one selected concept, when it came from the stream. */
  private get sourceEntry() {
    // In a dot vote's voting mode a click places a dot: the vote panel holds that corner then.
    if (this.selection.length !== 1 || this.voting.placing) return null
    const origin = this.map.concepts.get(this.selection[0]!)?.origin
    return (origin && this.stream.byId.get(origin)) || null
  }

  private readonly showInStream = (e: CustomEvent<string>): void => {
    this.streamOpen = true
    this.streamHighlight = e.detail
  }

  private readonly onNote = (e: CustomEvent<string>): void => {
    this.announcer.say(e.detail)
    this.note = e.detail
    clearTimeout(this.noteTimer)
    this.noteTimer = setTimeout(() => (this.note = ''), 5000)
  }

  private onAction = (e: CustomEvent<ToolbarAction>): void =>
    runToolbarAction(e.detail, this.canvas, { undo: () => this.doUndo(), redo: () => this.doRedo(), help: () => void (this.helpOpen = true), overview: () => void (this.overviewOpen = !this.overviewOpen) })

  private doUndo(): void {
    if (!this.readOnly) this.announcer.say(this.undo.undo() ? 'Undone' : 'Nothing to undo')
  }

  private doRedo(): void {
    if (!this.readOnly) this.announcer.say(this.undo.redo() ? 'Redone' : 'Nothing to redo')
  }
}

if (!customElements.get('cg-board')) customElements.define('cg-board', CgBoard)

declare global {
  interface HTMLElementTagNameMap {
    'cg-board': CgBoard
  }
}
