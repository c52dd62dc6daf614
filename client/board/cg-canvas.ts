import { html, LitElement, nothing, type PropertyValues } from 'lit'
import type { Awareness } from 'y-protocols/awareness'
import type { Concept, Link } from '../../shared/schema/board-map'
import type { MapView } from '../../shared/sync/board-events'
import { computeLayout } from '../model/auto-layout'
import type { BoardOps } from '../model/board-ops'
import type { Box } from '../model/geometry'
import { toWorld, type Viewport } from '../model/viewport'
import { boxAt, freeSpot, linkNear, measuredSizes } from './canvas-derive'
import { copySelection, duplicateSelection, paste } from './canvas-clipboard'
import { cancelEdit, commitEdit, connect, newConceptSpot } from './canvas-editing'
import { PendingFocus } from './canvas-focus'
import { CanvasModel } from './canvas-model'
import { CanvasGestures } from './canvas-gestures'
import { handleMapKey } from './canvas-keys'
import { renderBackdrop, renderConcepts, renderEdges, renderEditor, renderLinkPreview, renderLinks } from './canvas-layers'
import { canvasStyles } from './canvas-styles'
import type { CanvasHost, EditTarget, LinkDrag } from './canvas-types'
import { CanvasView } from './canvas-view'
import type { CgCursors } from './cg-cursors'
import type { RemoteMark } from './marks'
import './cg-concept'
import './cg-connect-dialog'
import './cg-cursors'
import { findMatches } from './find-matches'
import { rectsOn } from './fit-view'
import { phraseRect } from './link-layout'
import './cg-label-editor'
import './cg-link'

const NO_MARKS: readonly RemoteMark[] = []
/** Maps with this many concepts get an overview in the corner. */
const MINIMAP_FROM = 25

/**
 * The map: concepts, links, the others' cursors, and every way to act on them by pointer or key
 * (gestures and keys live in their own modules; pan and zoom in CanvasView).
 */
export class CgCanvas extends LitElement implements CanvasHost {
  static override properties = {
    concepts: { attribute: false },
    links: { attribute: false },
    marks: { attribute: false },
    readOnly: { type: Boolean },
    voting: { type: Boolean },
    ops: { attribute: false },
    history: { attribute: false },
    awareness: { attribute: false },
    mapLabel: { attribute: false },
    loaded: { type: Boolean },
    synced: { type: Boolean },
    selection: { state: true },
    activeId: { state: true },
    editing: { state: true },
    linking: { state: true },
    connectFrom: { state: true },
    sizes: { state: true },
    finding: { state: true },
    found: { state: true },
    foundIndex: { state: true }
  }

  static override styles = canvasStyles

  declare concepts: ReadonlyMap<string, Concept>
  declare links: ReadonlyMap<string, Link>
  declare marks: ReadonlyMap<string, readonly RemoteMark[]>
  declare readOnly: boolean
  /** A dot vote's voting mode is on: a click on a concept places a dot, so no colour and shape panel opens. */
  declare voting: boolean
  declare ops: BoardOps | null
  declare history: { stopCapturing(): void } | null
  declare awareness: Awareness | null
  declare mapLabel: string
  declare loaded: boolean
  declare synced: boolean
  declare selection: ReadonlySet<string>
  declare activeId: string | null
  declare editing: EditTarget | null
  declare linking: LinkDrag | null
  declare connectFrom: string | null
  declare sizes: ReadonlyMap<string, { w: number; h: number }>
  declare finding: boolean
  declare found: string[]
  declare foundIndex: number

  /** What the page floats over the map (toolbar first): fitting keeps concepts clear of it. */
  overlays: () => Iterable<Element> = () => []
  private readonly model = new CanvasModel()
  private marqueeEl: HTMLElement | null = null
  private readonly view = new CanvasView(
    (zoom) => this.emit('cg-zoom', zoom),
    () => {
      this.emit('cg-view-change', null)
      this.showMinimap()
    }
  )
  private readonly gestures = new CanvasGestures(this)
  private readonly sizeObserver = new ResizeObserver((entries) => this.onSizes(entries))
  private readonly hostObserver = new ResizeObserver(() => this.onHostResize())
  private connectMade = false
  private readonly pending = new PendingFocus()
  private rect: DOMRect | null = null

  constructor() {
    super()
    this.concepts = new Map()
    this.links = new Map()
    this.marks = new Map()
    this.readOnly = false
    this.voting = false
    this.ops = null
    this.history = null
    this.awareness = null
    this.mapLabel = 'Concept map'
    this.loaded = false
    this.synced = false
    this.selection = new Set()
    this.activeId = null
    this.editing = null
    this.linking = null
    this.connectFrom = null
    this.sizes = new Map()
    this.finding = false
    this.found = []
    this.foundIndex = -1
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.hostObserver.observe(this)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.hostObserver.disconnect()
  }

  // ——— view ———

  get viewport(): Viewport {
    return this.view.viewport
  }

  setViewport(v: Viewport): void {
    this.view.set(v)
  }

  /** The part of the map on screen, in map coordinates (what others see when they follow this view). */
  visibleView(): MapView {
    return this.view.visible()
  }

  /** Shows another participant's view: the same part of the map, fitted to this screen. */
  showView(view: MapView): void {
    this.view.show(view)
  }

  setMoving(moving: boolean): void {
    this.view.setMoving(moving)
  }

  viewportSize(): { w: number; h: number } {
    return this.view.size
  }

  zoomBy(factor: number): void {
    this.view.zoomBy(factor)
  }

  zoomTo(zoom: number): void {
    this.view.zoomBy(zoom / this.view.viewport.zoom)
  }

  fit(): void {
    this.fitTo(this.boxes)
  }

  private fitTo(boxes: ReadonlyMap<string, Box>): void {
    this.view.fit(boxes, this.model.drawn, rectsOn(this, [...this.overlays(), this.renderRoot.querySelector('cg-minimap')]))
  }

  screenPoint(e: { clientX: number; clientY: number }, fresh = false): { x: number; y: number } {
    // Measured at the start of each gesture and reused while it lasts: measuring on every move
    // would force a style pass in the middle of each frame.
    if (fresh || !this.rect) this.rect = this.getBoundingClientRect()
    return { x: e.clientX - this.rect.left, y: e.clientY - this.rect.top }
  }

  // ——— hit testing and placement ———

  get boxes(): ReadonlyMap<string, Box> {
    return this.model.boxes
  }

  linkAt(x: number, y: number): string | null {
    return linkNear(x, y, this.model.drawn, this.model.geometries, 6 / this.view.viewport.zoom)
  }

  conceptAt(x: number, y: number): string | null {
    return boxAt(this.boxes, x, y)
  }

  freeSpotNear(x: number, y: number): { x: number; y: number } {
    // Phrases count as taken too: a concept dropped on a phrase hides it.
    const taken: Box[] = [...this.boxes.values()]
    for (const l of this.model.drawn) {
      const g = this.model.geometries.get(l.id)?.geometry
      const rect = g && phraseRect(l, g)
      if (rect) taken.push(rect)
    }
    return freeSpot(taken, x, y)
  }

  /** The links sharing this link's phrase (its hub), itself included. */
  hubMembers(id: string): string[] {
    return this.model.plan.hubOf.get(id)?.links.map((l) => l.id) ?? [id]
  }

  setMarquee(rect: { x: number; y: number; w: number; h: number } | null): void {
    const el = this.marqueeEl
    if (!el) return
    el.hidden = !rect
    if (rect) Object.assign(el.style, { left: `${rect.x}px`, top: `${rect.y}px`, width: `${rect.w}px`, height: `${rect.h}px` })
  }

  // ——— actions (also the toolbar's) ———

  focusItem(id: string | null): void {
    this.activeId = id
    this.pending.requestFocus(id)
    this.requestUpdate()
  }

  /** Focuses the map itself (from the page, or after the focused item went away). */
  focusMap(): void {
    this.renderRoot.querySelector<HTMLElement>('.map')?.focus({ preventScroll: true })
  }

  startDraft(x: number, y: number, linkFrom: string | null = null): void {
    if (this.readOnly || !this.ops) return
    this.view.autoFit = false
    this.pending.cancelFocus()
    this.editing = { kind: 'draft', x, y, linkFrom }
  }

  startEditing(id: string): void {
    if (this.readOnly || !this.ops) return
    if (this.concepts.has(id) || this.links.has(id)) this.pending.cancelFocus()
    const concept = this.concepts.get(id)
    const link = this.links.get(id)
    if (concept) this.editing = { kind: 'concept', id, base: concept.label }
    else if (link) this.editing = { kind: 'link', id, base: link.label }
    else this.pending.requestEdit(id)
  }

  openConnect(from: string): void {
    if (this.readOnly || !this.concepts.has(from)) return
    this.connectMade = false
    this.connectFrom = from
  }

  addConcept(): void {
    const spot = newConceptSpot(this)
    this.startDraft(spot.x, spot.y)
  }

  /**
   * Makes a concept from a stream item: at the point it was dropped (client coordinates), or beside
   * the active concept or in the middle of the view. It is selected and focused, so Enter (or a
   * double-click) edits the label at once. Returns its id, or null when the map is read-only.
   */
  addFromStream(label: string, origin: string, at?: { clientX: number; clientY: number }): string | null {
    if (this.readOnly || !this.ops) return null
    this.view.autoFit = false
    let spot = newConceptSpot(this)
    if (at) {
      const p = this.screenPoint(at, true)
      const w = toWorld(this.viewport, p.x, p.y)
      spot = this.freeSpotNear(w.x, w.y)
    }
    const id = this.ops.createConceptFromStream(label, spot.x, spot.y, origin)
    this.selection = new Set([id])
    this.focusItem(id)
    this.announce(`Added “${label}” from the customer voice. Press Enter to edit its label.`)
    return id
  }

  copySelection(): boolean {
    return copySelection(this)
  }

  paste(): boolean {
    return paste(this)
  }

  duplicateSelection(): boolean {
    return duplicateSelection(this)
  }

  /** Opens find (Ctrl/⌘ F), or puts the cursor back in it. */
  openFind(): boolean {
    void import('./cg-find-bar').then(async () => {
      this.finding = true
      await this.updateComplete
      this.renderRoot.querySelector('cg-find-bar')?.focus()
    })
    return true
  }

  /** Centres an item in the view, at a zoom where it can be read, and selects it. */
  flyTo(id: string): void {
    const b = this.boxes.get(id) ?? this.linkBox(id)
    if (!b) return
    const zoom = Math.max(this.view.viewport.zoom, 0.8)
    const { w, h } = this.view.size
    this.view.autoFit = false
    this.view.set({ zoom, x: w / 2 - b.x * zoom, y: (h - 72) / 2 - b.y * zoom })
    this.selection = new Set([id])
    this.activeId = id
  }

  /** The colour and shape panel, while concepts are selected and the map can be changed. */
  private renderStylePanel() {
    if (this.readOnly || !this.ops || this.editing || this.voting) return nothing
    const chosen = [...this.selection].map((id) => this.concepts.get(id)).filter((c): c is Concept => c !== undefined)
    if (!chosen.length) return nothing
    // Loaded when first needed, like the find bar and the overview: the first bundle stays lean.
    void import('./cg-style-panel')
    const same = <T,>(values: T[]): T | undefined => (values.every((v) => v === values[0]) ? values[0] : undefined)
    const color = same(chosen.map((c) => c.color ?? null))
    const shape = same(chosen.map((c) => c.shape ?? 'rounded'))
    return html`<cg-style-panel .color=${color} .shape=${shape} @cg-restyle=${this.onRestyle}
      @pointerdown=${(e: Event) => e.stopPropagation()} @dblclick=${(e: Event) => e.stopPropagation()}></cg-style-panel>`
  }

  private readonly onRestyle = (e: CustomEvent<{ color?: string | null; shape?: string | null }>): void => {
    const ids = [...this.selection].filter((id) => this.concepts.has(id))
    // A new fill drops any text colour, so the label is drawn for contrast with it.
    const style = 'color' in e.detail ? { color: e.detail.color ?? null, textColor: null } : { shape: e.detail.shape ?? null }
    this.history?.stopCapturing()
    this.ops?.restyle(ids, style)
    this.history?.stopCapturing()
    this.announce(`Restyled ${ids.length === 1 ? this.concepts.get(ids[0]!)?.label || '1 concept' : `${ids.length} concepts`}`)
  }

  /**
   * Something scrolled the clipped viewport (a scrollIntoView of an element off screen, an assistive
   * tool): taken as a pan of the view, since a scrolled layer would put the map, its panels and the
   * pointer's map coordinates out of step with the view (the colour panel half off a phone's screen).
   */
  private readonly onViewportScroll = (e: Event): void => {
    const el = e.currentTarget as HTMLElement
    const dx = el.scrollLeft
    const dy = el.scrollTop
    if (!dx && !dy) return
    el.scrollLeft = 0
    el.scrollTop = 0
    const v = this.view.viewport
    this.view.autoFit = false
    this.view.set({ ...v, x: v.x - dx, y: v.y - dy })
  }

  private showMinimap(): void {
    // The overview's code loads on first use: until then its element is an unknown one, without
    // show(); a throw here would end updated() before the first view is fitted.
    const minimap = this.renderRoot.querySelector('cg-minimap')
    if (minimap && customElements.get('cg-minimap')) minimap.show(this.boxes, this.view.viewport, this.view.size)
  }

  private readonly onMinimapGo = (e: CustomEvent<{ x: number; y: number }>): void => {
    const v = this.view.viewport
    const { w, h } = this.view.size
    this.view.autoFit = false
    this.view.set({ ...v, x: w / 2 - e.detail.x * v.zoom, y: h / 2 - e.detail.y * v.zoom })
  }

  private readonly onFindInput = (e: CustomEvent<string>): void => {
    const shown = (id: string) => !this.model.geometries.get(id)?.geometry.member
    const at = (id: string) => this.boxes.get(id) ?? this.model.geometries.get(id)?.geometry.label ?? null
    this.found = findMatches(e.detail, this.concepts, this.model.drawn, at, shown)
    this.foundIndex = this.found.length ? 0 : -1
    if (this.found.length) this.flyTo(this.found[0]!)
  }

  private readonly onFindStep = (e: CustomEvent<number>): void => {
    const n = this.found.length
    if (!n) return
    this.foundIndex = (this.foundIndex + e.detail + n) % n
    this.flyTo(this.found[this.foundIndex]!)
  }

  private readonly onFindClose = (): void => {
    this.finding = false
    const id = this.found[this.foundIndex]
    this.found = []
    if (id && (this.concepts.has(id) || this.links.has(id))) this.focusItem(id)
    else this.focusMap()
  }

  connectSelected(): void {
    const id = [...this.selection].find((s) => this.concepts.has(s)) ?? this.activeId
    if (id) this.openConnect(id)
  }

  deleteSelection(): void {
    if (this.readOnly || !this.ops || this.selection.size === 0) return
    const ids = [...this.selection]
    const names = ids.map((id) => this.concepts.get(id)?.label ?? this.links.get(id)?.label).filter(Boolean)
    this.ops.deleteItems(ids)
    this.selection = new Set()
    this.announce(ids.length === 1 ? `Deleted ${names[0] || 'item'}` : `Deleted ${ids.length} items`)
    this.focusItem(null)
  }

  /** Lays the map out with dagre: one change, the same for everyone, one undo step. */
  async autoLayout(): Promise<void> {
    if (this.readOnly || !this.ops || this.boxes.size === 0) return
    const positions = await computeLayout({ boxes: this.boxes, links: this.model.drawn })
    this.history?.stopCapturing()
    this.ops.moveConcepts(positions)
    this.history?.stopCapturing()
    // Fitted to where the concepts now are: the new positions reach this element a render later.
    this.fitTo(new Map([...positions].map(([id, p]) => [id, { ...this.boxes.get(id)!, x: p.x, y: p.y }])))
    this.announce('Map laid out automatically. Undo restores the previous layout.')
  }

  announce(text: string): void {
    this.emit('cg-announce', text)
  }

  emitCursor(point: { x: number; y: number } | null): void {
    this.emit('cg-cursor', point)
  }

  // ——— Lit lifecycle ———

  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    // Positions only (someone dragging): move the elements, skip the render.
    const onlyMoves = changed.size === 1 && changed.has('concepts') && this.hasUpdated && !this.editing && !this.linking
    return !(onlyMoves && this.model.tryMove(changed.get('concepts') as ReadonlyMap<string, Concept> | undefined, this.concepts))
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.model.update(this.concepts, this.links, this.sizes, {
      concepts: changed.has('concepts'),
      links: changed.has('links'),
      sizes: changed.has('sizes'),
      prev: changed.get('concepts') as ReadonlyMap<string, Concept> | undefined
    })
    if (changed.has('links') || changed.has('concepts')) this.pruneGone()
    const edit = this.pending.takeEdit((id) => this.concepts.has(id) || this.links.has(id))
    if (edit) this.startEditing(edit)
  }

  protected override firstUpdated(): void {
    // Looked up once: these sit after thousands of map elements in document order.
    this.view.attach(this.renderRoot.querySelector('.world'), this.renderRoot.querySelector<CgCursors>('cg-cursors'))
    this.marqueeEl = this.renderRoot.querySelector('.marquee')
    const viewportEl = this.renderRoot.querySelector('.viewport')!
    viewportEl.addEventListener('wheel', this.gestures.onWheel as EventListener, { passive: false })
    viewportEl.addEventListener('scroll', this.onViewportScroll)
    this.onHostResize()
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('concepts') || changed.has('links')) this.model.index(this.renderRoot)
    if (changed.has('concepts') && this.concepts.size >= MINIMAP_FROM) void import('./cg-minimap').then(() => this.showMinimap())
    if (changed.has('concepts') || changed.has('sizes')) this.showMinimap()
    this.pending.takeFocus(this.renderRoot, (id) => {
      const box = this.boxes.get(id) ?? this.linkBox(id)
      if (box) this.view.reveal(box)
    })
    if (changed.has('selection') || changed.has('editing')) {
      const e = this.editing
      this.emit('cg-selection-change', { selection: [...this.selection], editing: e && e.kind !== 'draft' ? e.id : null })
    }
    // The map arrives with the local copy or the server's sync; the server's concepts may reach the
    // snapshots a frame after `synced` does (remote changes are batched per frame), so the first
    // concepts after an empty sync still count as arriving.
    const firstConcepts = changed.has('concepts') && (changed.get('concepts') as ReadonlyMap<string, Concept> | undefined)?.size === 0
    const arrived = (changed.has('loaded') && this.loaded) || (changed.has('synced') && this.synced) || firstConcepts
    if (this.view.autoFit && arrived && this.concepts.size > 0 && this.view.size.w > 0) this.fitTo(this.boxes)
    if (this.synced && this.concepts.size > 0) this.view.autoFit = false
  }

  protected override render() {
    const m = this.model
    const sel = this.selection
    const editingId = this.editing && this.editing.kind !== 'draft' ? this.editing.id : null
    const dropTarget = this.linking?.target ?? null
    const item = (id: string) => ({
      selected: sel.has(id),
      active: this.activeId === id,
      editing: editingId === id,
      marks: this.marks.get(id) ?? NO_MARKS
    })
    const activeExists = this.activeId !== null && (this.concepts.has(this.activeId) || this.links.has(this.activeId))
    return html`<div
        class="viewport ${this.readOnly ? 'read-only' : ''}"
        @pointerdown=${this.onPointerDown}
        @pointermove=${this.gestures.onPointerMove}
        @pointerup=${this.gestures.onPointerUp}
        @pointercancel=${this.gestures.onPointerUp}
        @pointerleave=${this.gestures.onPointerLeave}
        @dblclick=${this.gestures.onDblClick}
      >
        <div class="world">
          ${renderBackdrop(m.backdrop)} ${renderEdges(m.drawn, m.geometries, sel)}
          <div
            class="map"
            role="listbox"
            aria-multiselectable="true"
            aria-roledescription="concept map"
            aria-label=${this.mapLabel}
            aria-readonly=${this.readOnly ? 'true' : 'false'}
            tabindex=${activeExists ? -1 : 0}
            @keydown=${this.onKeyDown}
            @focusin=${this.onFocusIn}
          >
            ${renderLinks(m.drawn, m.geometries, this.concepts, item)}
            ${renderConcepts(this.concepts, m.descriptions, this.sizeObserver, item, dropTarget, this.readOnly)}
          </div>
          <div class="overlay">
            ${renderEditor(this.editing, { ...m, concepts: this.concepts, links: this.links, marks: this.marks }, this.onCommit, this.onCancel)}
            ${renderLinkPreview(this.linking, m.boxes)}
          </div>
        </div>
        <div class="marquee" hidden></div>
        <cg-cursors .awareness=${this.awareness}></cg-cursors>
        ${this.renderStylePanel()}
        ${this.concepts.size >= MINIMAP_FROM
          ? html`<cg-minimap @cg-minimap-go=${this.onMinimapGo} @pointerdown=${(e: Event) => e.stopPropagation()}
              @dblclick=${(e: Event) => e.stopPropagation()}></cg-minimap>`
          : nothing}
        ${this.finding
          ? html`<cg-find-bar .count=${this.found.length} .index=${this.foundIndex} @cg-find-input=${this.onFindInput}
              @cg-find-step=${this.onFindStep} @cg-find-close=${this.onFindClose} @pointerdown=${(e: Event) => e.stopPropagation()}
              @dblclick=${(e: Event) => e.stopPropagation()}></cg-find-bar>`
          : nothing}
        ${this.concepts.size === 0 && this.loaded
          ? html`<p class="hint">${this.readOnly
              ? 'Nothing on this map yet. You will see it grow here as others add concepts.'
              : html`Double-click anywhere, or press <kbd>N</kbd>, to add a concept.`}</p>`
          : nothing}
      </div>
      <cg-connect-dialog
        .from=${this.connectFrom ? (this.concepts.get(this.connectFrom) ?? null) : null}
        .candidates=${this.connectFrom ? this.candidates(this.connectFrom) : []}
        @cg-connect=${this.onConnect}
        @cg-connect-close=${this.onConnectClose}
      ></cg-connect-dialog>`
  }

  // ——— internals ———

  private emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }))
  }

  private candidates(from: string): Concept[] {
    return [...this.concepts.values()]
      .filter((c) => c.id !== from)
      .sort((a, b) => (a.label || '\uffff').localeCompare(b.label || '\uffff'))
  }

  private linkBox(id: string): Box | null {
    const g = this.model.geometries.get(id)?.geometry
    return g ? { x: g.label.x, y: g.label.y, w: 40, h: 20 } : null
  }

  private onHostResize(): void {
    const r = this.getBoundingClientRect()
    const first = this.view.resize(r.width, r.height)
    if (((first && this.view.autoFit) || this.view.fitted) && this.loaded && this.concepts.size > 0) this.fitTo(this.boxes)
  }

  private onSizes(entries: ResizeObserverEntry[]): void {
    const next = measuredSizes(entries, this.sizes)
    if (next) this.sizes = next
  }

  /** Drops selection, editing and focus on items someone else deleted. */
  private pruneGone(): void {
    const exists = (id: string) => this.concepts.has(id) || this.links.has(id)
    if ([...this.selection].some((id) => !exists(id))) this.selection = new Set([...this.selection].filter(exists))
    const e = this.editing
    if (e && e.kind !== 'draft' && !exists(e.id)) this.editing = null
    if (e?.kind === 'draft' && e.linkFrom && !this.concepts.has(e.linkFrom)) this.editing = { ...e, linkFrom: null }
    if (this.connectFrom && !this.concepts.has(this.connectFrom)) this.connectFrom = null
    if (this.activeId && !exists(this.activeId)) {
      const hadFocus = this.matches(':focus-within')
      this.activeId = null
      if (hadFocus) void this.updateComplete.then(() => this.focusMap())
    }
  }

  private readonly onPointerDown = (e: PointerEvent): void => {
    // A press elsewhere supersedes focus still waiting for a just-created item.
    this.pending.cancelFocus()
    this.gestures.onPointerDown(e)
    // A press on the map's background takes no focus by itself, so keys would go nowhere: the map
    // takes it (an item pressed has already been focused).
    if (!this.matches(':focus-within')) this.focusMap()
  }

  /** The map's keys, for one that reached the board while the map did not have focus. */
  handleKey(e: KeyboardEvent): boolean {
    return handleMapKey(this, e)
  }

  private readonly onKeyDown = (e: KeyboardEvent): void => {
    if (handleMapKey(this, e)) {
      e.preventDefault()
      e.stopPropagation()
    }
  }

  private readonly onFocusIn = (e: FocusEvent): void => {
    const id = (e.composedPath()[0] as HTMLElement).dataset?.item
    if (id && id !== this.activeId) this.activeId = id
  }

  private readonly onCommit = (e: CustomEvent<{ value: string; via: 'key' | 'blur' }>): void => {
    const edit = this.editing
    this.editing = null
    if (!edit) return
    const clash = commitEdit(this, edit, e.detail.value, e.detail.via === 'key')
    // Someone saved a different text for the same words: the editor stays, with both, to decide.
    if (clash !== null && edit.kind !== 'draft') this.editing = { ...edit, base: clash, draft: e.detail.value, conflict: clash }
  }

  private readonly onCancel = (e: CustomEvent<{ via: 'key' | 'blur' }>): void => {
    const edit = this.editing
    this.editing = null
    cancelEdit(this, edit, e.detail.via === 'key')
  }

  private readonly onConnect = (e: CustomEvent<{ from: string; to: string; label: string }>): void => {
    if (connect(this, e.detail.from, e.detail.to, e.detail.label)) this.connectMade = true
  }

  private readonly onConnectClose = (): void => {
    const from = this.connectFrom
    this.connectFrom = null
    if (!this.connectMade && from) this.focusItem(from)
  }
}

if (!customElements.get('cg-canvas')) customElements.define('cg-canvas', CgCanvas)

declare global {
  interface HTMLElementTagNameMap {
    'cg-canvas': CgCanvas
  }
}
