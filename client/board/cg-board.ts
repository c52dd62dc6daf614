import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { CloseCode } from '../../shared/close-codes'
import { canWrite } from '../../shared/roles'
import { AwarenessController } from '../controllers/awareness-controller'
import { ConnectionController, type BoardConnection } from '../controllers/connection-controller'
import { EmbedOriginController } from '../controllers/embed-origin-controller'
import { GroupJoinController } from '../controllers/group-join-controller'
import { LiveBoardController } from '../controllers/live-board-controller'
import { ViewSharingController } from '../controllers/view-sharing-controller'
import { PulseController } from '../controllers/pulse-controller'
import { ShortcutController } from '../controllers/shortcut-controller'
import { UndoController } from '../controllers/undo-controller'
import { VoteController } from '../controllers/vote-controller'
import { YjsMapController } from '../controllers/yjs-map-controller'
import { StreamController } from '../controllers/stream-controller'
import { shortLabel } from '../../shared/stream/short-label'
import { STREAM_DRAG_TYPE, shownDate } from './cg-stream-panel'
import { ROLE_COLORS } from '../model/roles-ui'
import { readTokenClaims, type TokenClaims } from '../model/token'
import { remoteMarks, withVoteDots, type RemoteMark } from './marks'
import { closeMessage } from './cg-status'
import type { CgCanvas } from './cg-canvas'
import type { Person } from './cg-presence'
import type { PulseAnswers } from './pulse-api'
import type { ToolbarAction } from './cg-toolbar'
import './cg-canvas'
import './cg-board-notices'
import './cg-export-menu'
import './cg-facilitator-bar'
import './cg-help-dialog'
import './cg-left-board'
import './cg-live-panel'
import './cg-name-dialog'
import './cg-presence'
import './cg-pulse-dialog'
import './cg-status'
import './cg-stream-panel'
import './cg-timer'
import './cg-toolbar'
import './cg-vote-panel'

const nameKey = (boardId: string) => `common-ground:name:${boardId}`

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
    chosenName: { state: true },
    helpOpen: { state: true },
    selectionSize: { state: true },
    zoom: { state: true },
    announcement: { state: true },
    streamOpen: { state: true },
    streamHighlight: { state: true },
    cockpitOpen: { state: true }
  }

  static override styles = css`
    :host {
      display: block;
      position: relative;
      /* The phone rules (More menu, avatar stack, panels above the toolbar) follow the board's own
         width through container queries: a narrow <cg-board> in a wide page is a small frame too. */
      container-type: inline-size;
      height: 100%;
      min-height: 320px;
      color: #0f172a;
      font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    }
    .frame {
      display: grid;
      grid-template-rows: auto auto 1fr auto;
      height: 100%;
    }
    footer.exports {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      padding: 0.25rem 0.75rem;
    }
    footer .end {
      display: flex;
      gap: 8px;
      margin-inline-start: auto;
    }
    footer button {
      padding: 6px 12px;
      border: 1px solid #64748b;
      border-radius: 8px;
      background: #fff;
      color: inherit;
      font: inherit;
      cursor: pointer;
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 16px;
      padding: 10px 16px;
      border-bottom: 1px solid #e2e8f0;
      background: #fff;
    }
    .titles {
      flex: 1 1 20em;
      min-width: 0;
    }
    .title {
      margin: 0;
      color: #475569;
      font-size: 12px;
      letter-spacing: 0.04em;
      text-transform: uppercase;
    }
    h1 {
      margin: 2px 0 0;
      font-size: 18px;
      line-height: 1.3;
    }
    cg-presence {
      flex: 0 1 auto;
    }
    .banner {
      margin: 0;
      padding: 8px 16px;
      background: #fef3c7;
      color: #78350f;
      border-bottom: 1px solid #fcd34d;
    }
    .banner.error {
      background: #fee2e2;
      color: #7f1d1d;
      border-color: #fca5a5;
    }
    .stage {
      position: relative;
      min-height: 0;
    }
    cg-canvas {
      position: absolute;
      inset: 0;
    }
    cg-toolbar {
      position: absolute;
      left: 50%;
      bottom: 16px;
      transform: translateX(-50%);
      z-index: 3;
      max-width: calc(100% - 24px);
    }
    /* Projecting the live view puts the whole screen on the wall: names go from presence and cursors too
       (a custom property crosses the shadow boundaries of cg-presence and cg-cursors). */
    .frame:has(cg-live-panel[projected]) {
      --cg-person-names: none;
    }
    cg-stream-panel,
    .stage cg-live-panel {
      position: absolute;
      top: 0;
      right: 0;
      bottom: 0;
      z-index: 4;
      width: min(340px, 100%);
    }
    .stream-toggle {
      min-height: 36px;
      padding: 4px 12px;
      border: 1px solid #0e7490;
      border-radius: 8px;
      background: #ecfeff;
      color: #155e75;
      font: inherit;
      cursor: pointer;
    }
    .stream-toggle[aria-pressed='true'] {
      background: #0e7490;
      color: #fff;
    }
    .source-card {
      position: absolute;
      top: 12px;
      left: 12px;
      z-index: 3;
      max-width: min(360px, calc(100% - 24px));
      max-height: 40%;
      overflow-y: auto;
      padding: 10px 12px;
      border: 1px solid #0e7490;
      border-inline-start-width: 4px;
      border-radius: 8px;
      background: #fff;
      box-shadow: 0 4px 16px rgb(15 23 42 / 12%);
    }
    /* Under the colour and shape panel, which a writer's selection opens at the stage's top left. */
    .source-card.under-tools {
      top: 72px;
    }
    @media (max-width: 600px) {
      /* There the colour and shape panel sits above the toolbar instead. */
      .source-card.under-tools {
        top: 12px;
      }
    }
    .source-card h2 {
      margin: 0 0 4px;
      font-size: 12px;
      color: #155e75;
      text-transform: uppercase;
      letter-spacing: 0.04em;
    }
    .source-card p {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .source-card .meta {
      margin-top: 6px;
      display: flex;
      flex-wrap: wrap;
      gap: 4px 10px;
      color: #475569;
      font-size: 12px;
    }
    .source-card button {
      border: none;
      background: none;
      padding: 0;
      color: #0e7490;
      font: inherit;
      text-decoration: underline;
      cursor: pointer;
    }
    .stage cg-live-panel {
      width: min(380px, 100%);
    }
    .stage cg-vote-panel {
      position: absolute;
      top: 12px;
      left: 12px;
      z-index: 4;
      max-height: calc(100% - 96px);
    }
    .refused {
      max-width: 32rem;
      margin: 10% auto 0;
      padding: 0 20px;
    }
    .refused h2 {
      font-size: 18px;
    }
    .sr-only {
      position: absolute;
      width: 1px;
      height: 1px;
      margin: -1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `

  declare boardId: string
  declare token: string
  declare server: string | null
  declare name: string | null
  /** The board is the page (its own page or frame): keys pressed with nothing focused are its. */
  declare pageKeys: boolean
  declare chosenName: string | null
  declare helpOpen: boolean
  declare selectionSize: number
  declare zoom: number
  declare announcement: string
  declare streamOpen: boolean
  declare streamHighlight: string | null
  /** The facilitator's live view (cockpit) is open. */
  declare cockpitOpen: boolean

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
  })
  private readonly views = new ViewSharingController(this, {
    show: (view) => this.canvas?.showView(view),
    say: (text) => this.announce(text),
    selfId: () => this.claims.sub
  })
  private readonly pulse = new PulseController(
    this,
    () => ({ server: this.server ?? '', boardId: this.boardId, token: this.sessionToken, role: this.claims.role }),
    () => this.leaveBoard(),
    (text) => this.announce(text)
  )
  /** Where every part of the board registers its keyboard shortcuts. */
  readonly shortcuts = new ShortcutController(this, {
    pageWide: () => this.pageKeys,
    mapKeys: (e) => this.canvas?.handleKey(e) ?? false
  })
  private readonly votes = new VoteController(this, () => ({ target: this.apiTarget, role: this.claims.role }))
  private readonly origin = new EmbedOriginController(this)
  private readonly group = new GroupJoinController(this, () => ({ boardId: this.boardId, server: this.server }))
  private claims: TokenClaims = readTokenClaims(null)
  private claimsOf = ''
  private joinedAs: string | null = null
  private marks: Map<string, RemoteMark[]> = new Map()
  private marksFrom: unknown = null
  private selection: string[] = []
  private lastStatus = ''
  /** What the board was called, for the page shown after Leave (the map is gone by then). */
  private leftTitle = ''

  constructor() {
    super()
    this.boardId = ''
    this.token = ''
    this.server = null
    this.name = null
    this.pageKeys = false
    this.chosenName = null
    this.helpOpen = false
    this.selectionSize = 0
    this.zoom = 1
    this.announcement = ''
    this.streamOpen = false
    this.streamHighlight = null
    this.cockpitOpen = false
    this.shortcuts.register({ keys: ['mod+z'], run: () => this.doUndo() })
    this.shortcuts.register({ keys: ['mod+shift+z', 'mod+y'], run: () => this.doRedo() })
    this.shortcuts.register({ keys: ['?'], run: () => void (this.helpOpen = true) })
    this.shortcuts.register({ keys: ['Escape'], run: () => this.views.stop() })
    this.shortcuts.register({ keys: ['mod+c'], run: () => this.canvas?.copySelection() ?? false })
    this.shortcuts.register({ keys: ['mod+v'], run: () => this.canvas?.paste() ?? false })
    this.shortcuts.register({ keys: ['mod+d'], run: () => this.canvas?.duplicateSelection() ?? false })
    this.shortcuts.register({ keys: ['mod+f'], run: () => this.canvas?.openFind() ?? false })
  }

  private get displayName(): string | null {
    return this.name?.trim() || this.claims.name || this.chosenName
  }

  private get readOnly(): boolean {
    return !canWrite(this.claims.role, this.live.locked) || this.connection.denied !== null || this.connection.status === 'closed'
  }

  /** The token the board connects and calls the API with: a group link's is first exchanged. */
  private get sessionToken(): string {
    return this.group.personal ?? (this.group.needsName ? '' : this.token)
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('token')) this.group.use(this.token)
    // A remembered personal token the server no longer takes: ask the visitor's name again.
    if (this.connection.status === 'closed' && this.connection.closeCode === CloseCode.unauthorized && this.group.personal) this.group.refused()
    // While a group link waits for the visitor's name, its own token says the role they will have.
    const token = this.sessionToken || this.token
    if (token !== this.claimsOf) {
      this.claimsOf = token
      this.claims = readTokenClaims(token)
    }
    if (changed.has('boardId')) this.chosenName = this.boardId ? storedName(this.boardId) : null
    if (changed.has('boardId') || changed.has('server')) this.origin.check(this.boardId, this.server)
    if (!this.pulse.left) this.connection.configure(this.connectionConfig())
    const name = this.displayName
    const current = this.connection.current
    if (current && name && this.joinedAs !== name) {
      this.joinedAs = name
      const role = this.claims.role
      this.presence.join({ name, role, color: ROLE_COLORS[role] })
      this.presence.setSelection(this.selection, null)
    }
    if (this.presence.peers !== this.marksFrom) {
      this.marksFrom = this.presence.peers
      this.marks = remoteMarks(this.presence.peers)
    }
    this.votes.sync(this.connection.current ? this.live.state?.vote : null)
    this.announceStatus()
    if (!this.streamShownOnce && this.stream.entries.length > 0) {
      this.streamShownOnce = true
      if (window.innerWidth >= 1000 && !this.cockpitOpen) this.streamOpen = true
    }
    // The customer voice and the live view share the stage's right side: opening one puts the other away.
    if (changed.has('cockpitOpen') && this.cockpitOpen) this.streamOpen = false
    else if (changed.has('streamOpen') && this.streamOpen) this.cockpitOpen = false
  }

  private connectionConfig() {
    const token = this.sessionToken
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
    if (this.pulse.left) return html`<cg-left-board .boardTitle=${this.leftTitle} @cg-rejoin=${this.rejoin}></cg-left-board>`
    const c = this.connection
    const focusQuestion = this.map.focusQuestion
    const people: Person[] = []
    const name = this.displayName
    if (name) people.push({ key: 'self', name, role: this.claims.role, color: ROLE_COLORS[this.claims.role], self: true })
    const followed = this.views.following?.clientId
    for (const p of this.presence.peers) {
      people.push({ key: String(p.clientId), name: p.user.name, role: p.user.role, color: p.user.color, self: false, following: p.clientId === followed })
    }
    const viewer = !canWrite(this.claims.role)
    return html`<div class="frame">
        <header>
          <div class="titles">
            <p class="title">${this.map.title || 'Common Ground'}</p>
            <h1>${focusQuestion || (c.loaded ? 'No focus question yet' : 'Loading the board…')}</h1>
          </div>
          ${this.stream.entries.length > 0 || this.claims.role === 'facilitator'
            ? html`<button type="button" class="stream-toggle" aria-pressed=${String(this.streamOpen)} @click=${() => (this.streamOpen = !this.streamOpen)}>
                Customer voice (${this.stream.entries.length})
              </button>`
            : nothing}
          <cg-timer .timer=${this.live.state?.timer ?? null} .clockOffset=${this.live.clockOffset}></cg-timer>
          <cg-presence .people=${people} @cg-follow=${this.onFollow}></cg-presence>
          <cg-status .status=${c.status} .synced=${c.synced} .save=${viewer ? 'unknown' : c.save} .closeCode=${c.closeCode}></cg-status>
        </header>
        <div>
          ${c.status === 'closed' ? html`<p class="banner error" role="alert">${closeMessage(c.closeCode)}</p>` : nothing}
          <cg-board-notices .role=${this.claims.role} .locked=${this.live.locked} .following=${this.views.following} .broughtBy=${this.views.broughtBy}
            .refused=${c.refused}
            @cg-follow=${this.onFollow}></cg-board-notices>
          ${viewer
            ? html`<p class="banner">You are viewing this board: you can follow along live, but you cannot change the map.</p>`
            : c.denied !== null && c.status !== 'closed'
              ? html`<p class="banner error" role="alert">The server is not accepting your changes (${c.denied}): the map is read-only for you.</p>`
              : nothing}
        </div>
        <div class="stage" @pointerdown=${this.onStagePointerDown} @pointerup=${this.onStagePointerUp} @wheel=${this.onUserMovesView} @dragover=${this.onDragOver} @drop=${this.onDrop}>
          <cg-canvas
            .concepts=${this.map.concepts}
            .links=${this.map.links}
            .marks=${this.votes.round?.open && this.votes.canVote ? withVoteDots(this.marks, this.votes.dots) : this.marks}
            .readOnly=${this.readOnly}
            .voting=${this.votes.voting && this.votes.round?.open === true}
            .ops=${c.current?.ops ?? null}
            .history=${this.undo}
            .awareness=${c.current?.awareness ?? null}
            .mapLabel=${focusQuestion ? `Concept map: ${focusQuestion}` : 'Concept map'}
            .loaded=${c.loaded}
            .synced=${c.synced}
            @cg-selection-change=${this.onSelectionChange}
            @cg-cursor=${(e: CustomEvent<{ x: number; y: number } | null>) => this.presence.setCursor(e.detail)}
            @cg-announce=${(e: CustomEvent<string>) => this.announce(e.detail)}
            @cg-zoom=${(e: CustomEvent<number>) => (this.zoom = e.detail)}
            @cg-view-change=${this.onViewChange}
          ></cg-canvas>
          <cg-toolbar
            .readOnly=${this.readOnly}
            .canUndo=${this.undo.canUndo}
            .canRedo=${this.undo.canRedo}
            .hasSelection=${this.selectionSize > 0}
            .canConnect=${this.map.concepts.size > 1}
            .canLayout=${this.map.concepts.size > 1}
            .zoom=${this.zoom}
            @cg-action=${this.onAction}
          ></cg-toolbar>
          ${this.sourceCard()}
          ${this.streamOpen
            ? html`<cg-stream-panel
                .entries=${this.stream.entries}
                .used=${this.usedItems()}
                .readOnly=${this.readOnly}
                .highlight=${this.streamHighlight}
                .target=${this.claims.role === 'facilitator' && c.current ? this.apiTarget : null}
                @cg-stream-take=${(e: CustomEvent<string>) => this.takeFromStream(e.detail)}
                @cg-stream-close=${() => (this.streamOpen = false)}
              ></cg-stream-panel>`
            : nothing}
          ${this.voteShown
            ? html`<cg-vote-panel
                .round=${this.votes.round}
                .dots=${this.votes.dots}
                .totals=${this.votes.totals}
                .concepts=${this.map.concepts}
                .canVote=${this.votes.canVote}
                .voting=${this.votes.voting}
                .busy=${this.votes.busy}
                .error=${this.votes.error}
                .voters=${this.votes.voters}
                @cg-vote-change=${(e: CustomEvent<{ id: string; delta: 1 | -1 }>) => void this.vote(e.detail.id, e.detail.delta)}
                @cg-vote-mode=${(e: CustomEvent<boolean>) => {
                  this.votes.voting = e.detail
                  this.requestUpdate()
                }}
                @cg-vote-dismiss=${(e: CustomEvent<string>) => {
                  this.votes.dismissed = e.detail
                  this.requestUpdate()
                }}
              ></cg-vote-panel>`
            : nothing}
          ${this.cockpitOpen && this.claims.role === 'facilitator' && c.current
            ? html`<cg-live-panel .target=${this.apiTarget} .sessionStart=${this.live.state?.session?.start ?? null}
                @cg-live-close=${() => (this.cockpitOpen = false)}></cg-live-panel>`
            : nothing}
        </div>
        <footer class="exports">
          ${this.claims.role === 'facilitator' && c.current
            ? html`<cg-facilitator-bar .target=${this.apiTarget} .live=${this.live.state} .view=${this.currentView} .liveOpen=${this.cockpitOpen}
                @cg-live-toggle=${() => (this.cockpitOpen = !this.cockpitOpen)}></cg-facilitator-bar>`
            : nothing}
          <div class="end">
            ${this.pulse.asks && c.current ? html`<button type="button" @click=${() => this.pulse.startLeaving()}>Leave</button>` : nothing}
            <cg-export-menu board-id=${this.boardId} .token=${this.sessionToken} server=${this.server ?? ''}></cg-export-menu>
          </div>
        </footer>
      </div>
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
      <cg-name-dialog .open=${(this.group.needsName && this.origin.state !== 'checking') || (Boolean(c.current) && !name && c.status !== 'closed')} .busy=${this.group.joining} .error=${this.group.error}
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

  private get canvas(): CgCanvas | null {
    return this.renderRoot.querySelector('cg-canvas')
  }

  private onConnection(connection: BoardConnection | null): void {
    this.joinedAs = null
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

  private get apiTarget() {
    return { server: this.server ?? '', boardId: this.boardId, token: this.sessionToken }
  }

  private readonly currentView = () => this.canvas?.visibleView() ?? null

  private readonly onViewChange = (): void => {
    const canvas = this.canvas
    if (canvas) this.presence.setView(canvas.visibleView())
  }

  /** A round is open, or its results are still up (until put away). */
  private get voteShown(): boolean {
    const r = this.votes.round
    return r !== null && Boolean(this.connection.current) && (r.open || this.votes.dismissed !== r.id)
  }

  private pressed: { pointerId: number; id: string; x: number; y: number } | null = null

  private readonly onStagePointerDown = (e: PointerEvent): void => {
    this.onUserMovesView()
    this.pressed = null
    if (!this.votes.voting || !this.votes.round?.open) return
    // The canvas captures the pointer for its gestures, so the concept is read here, at the press.
    for (const el of e.composedPath()) {
      if (el instanceof HTMLElement && el.tagName === 'CG-VOTE-PANEL') return
      const id = el instanceof HTMLElement ? el.dataset.item : undefined
      if (id !== undefined && this.map.concepts.has(id)) {
        this.pressed = { pointerId: e.pointerId, id, x: e.clientX, y: e.clientY }
        return
      }
    }
  }

  /** In voting mode, a click or tap on a concept (not a drag) places a dot there; Shift takes one back. */
  private readonly onStagePointerUp = (e: PointerEvent): void => {
    const p = this.pressed
    this.pressed = null
    if (!p || p.pointerId !== e.pointerId || Math.hypot(e.clientX - p.x, e.clientY - p.y) > 8) return
    void this.vote(p.id, e.shiftKey ? -1 : 1)
  }

  private async vote(conceptId: string, delta: 1 | -1): Promise<void> {
    const said = await this.votes.change(conceptId, delta)
    if (said) this.announce(said)
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

  private onName = (e: CustomEvent<string>): void => {
    if (this.group.needsName) return void this.group.join(e.detail)
    this.chosenName = e.detail
    try {
      localStorage.setItem(nameKey(this.boardId), e.detail)
    } catch {
      // Storage can be off (private mode, embeds): the name then lasts for this visit.
    }
  }

  /** Stream items some concept on the map was made from. */
  private usedItems(): Set<string> {
    const used = new Set<string>()
    for (const c of this.map.concepts.values()) if (c.origin) used.add(c.origin)
    return used
  }

  /** Makes a concept from a stream item, where it was dropped or in view; on a phone the map comes back into view. */
  private takeFromStream(id: string, at?: { clientX: number; clientY: number }): void {
    const entry = this.stream.byId.get(id)
    if (!entry || this.readOnly) return
    this.canvas?.addFromStream(shortLabel(entry.text), id, at)
    if (window.innerWidth < 700) this.streamOpen = false
  }

  private readonly onDragOver = (e: DragEvent): void => {
    if (this.readOnly || !e.dataTransfer?.types.includes(STREAM_DRAG_TYPE)) return
    e.preventDefault()
    e.dataTransfer.dropEffect = 'copy'
  }

  private readonly onDrop = (e: DragEvent): void => {
    const id = e.dataTransfer?.getData(STREAM_DRAG_TYPE)
    if (!id) return
    e.preventDefault()
    this.takeFromStream(id, { clientX: e.clientX, clientY: e.clientY })
  }

  /** The source of the one selected concept, when it came from the stream: its full text, one click away. */
  private sourceCard() {
    // In a dot vote's voting mode a click places a dot: the vote panel holds that corner then.
    if (this.selection.length !== 1 || (this.votes.voting && this.votes.round?.open)) return nothing
    const origin = this.map.concepts.get(this.selection[0]!)?.origin
    const entry = origin ? this.stream.byId.get(origin) : undefined
    if (!entry) return nothing
    const date = shownDate(entry.at)
    return html`<aside class="source-card ${this.readOnly ? '' : 'under-tools'}" aria-label="Where this concept came from">
      <h2>From the customer voice</h2>
      <p>${entry.text}</p>
      <div class="meta">
        ${entry.author ? html`<span>${entry.author}</span>` : nothing}
        ${entry.source ? html`<span>${entry.source}</span>` : nothing}
        ${date ? html`<span>${date}</span>` : nothing}
        ${entry.url ? html`<a href=${entry.url} target="_blank" rel="noopener noreferrer nofollow">Open</a>` : nothing}
        <button type="button" @click=${() => this.showInStream(entry.id)}>Show in the list</button>
      </div>
    </aside>`
  }

  private showInStream(id: string): void {
    this.streamOpen = true
    this.streamHighlight = id
  }

  private onAction = (e: CustomEvent<ToolbarAction>): void => {
    const canvas = this.canvas
    switch (e.detail) {
      case 'add-concept':
        return canvas?.addConcept()
      case 'connect':
        return canvas?.connectSelected()
      case 'delete':
        return canvas?.deleteSelection()
      case 'undo':
        return this.doUndo()
      case 'redo':
        return this.doRedo()
      case 'zoom-in':
        return canvas?.zoomBy(1.25)
      case 'zoom-out':
        return canvas?.zoomBy(0.8)
      case 'zoom-reset':
        return canvas?.zoomTo(1)
      case 'fit':
        return canvas?.fit()
      case 'layout':
        return void canvas?.autoLayout()
      case 'help':
        this.helpOpen = true
        return
    }
  }

  private doUndo(): void {
    if (this.readOnly) return
    this.announce(this.undo.undo() ? 'Undone' : 'Nothing to undo')
  }

  private doRedo(): void {
    if (this.readOnly) return
    this.announce(this.undo.redo() ? 'Redone' : 'Nothing to redo')
  }

  private announce(text: string): void {
    // Clearing first makes a repeated message ("Undone", "Undone") be read again.
    this.announcement = ''
    void this.updateComplete.then(() => (this.announcement = text))
  }

  /** Says connection changes that matter (going offline, back, or shut out) out loud. */
  private announceStatus(): void {
    const s = this.connection.status
    const key = s === 'connected' && !this.connection.synced ? 'syncing' : s
    if (key === this.lastStatus) return
    const before = this.lastStatus
    this.lastStatus = key
    if (s === 'offline') this.announce('You are offline. Your changes are kept on this device and will be shared when you reconnect.')
    else if (s === 'closed') this.announce(closeMessage(this.connection.closeCode))
    else if (key === 'connected' && (before === 'offline' || before === 'reconnecting')) this.announce('Back online.')
  }
}

function storedName(boardId: string): string | null {
  try {
    return localStorage.getItem(nameKey(boardId))
  } catch {
    return null
  }
}

if (!customElements.get('cg-board')) customElements.define('cg-board', CgBoard)

declare global {
  interface HTMLElementTagNameMap {
    'cg-board': CgBoard
  }
}
