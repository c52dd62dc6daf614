import { LitElement, type PropertyValues } from 'lit'
import type { Awareness } from 'y-protocols/awareness'
import type { Concept, Link } from '../../shared/schema/board-map'
import type { MapView } from '../../shared/sync/board-events'
import type { BoardOps } from '../model/board-ops'
import type { Box } from '../model/geometry'
import type { Viewport } from '../model/viewport'
import { boxAt, freeSpotAmong, linkNear, phraseBox, phraseRects } from './canvas-derive'
import { copySelection, duplicateSelection, paste } from './canvas-clipboard'
import { editorCancelled, editorCommitted } from './canvas-editing'
import { startNewConcept } from './new-concept-spot'
import { CanvasConnect } from './canvas-connect'
import { addFromStream, autoLayout, deleteSelection } from './canvas-actions'
import { PendingFocus } from './canvas-focus'
import { CanvasMeasure, fitsOnArrival } from './canvas-measure'
import { CanvasModel } from './canvas-model'
import { CanvasGestures } from './canvas-gestures'
import { handleMapKey } from './canvas-keys'
import { renderCanvas } from './canvas-render'
import { canvasFarStyles } from './canvas-far-styles'
import { canvasFreeStyles } from './canvas-free-styles'
import { canvasStyles } from './canvas-styles'
import { canvasDefaults, canvasProperties, type CanvasHost, type EditTarget, type LinkDrag } from './canvas-types'
import { CanvasView } from './canvas-view'
import { pinnedIds, type Area } from './canvas-cull'
import { DrawnArea } from './drawn-area'
import { CanvasFar } from './canvas-far'
import { CanvasFind } from './canvas-find'
import { CanvasOverview } from './canvas-overview'
import { pruneGone } from './canvas-prune'
import { CanvasRestyle } from './canvas-restyle'
import type { CgCursors } from './cg-cursors'
import type { RemoteMark } from './marks'
import './cg-concept'
import './cg-cursors'
import { freeArea, rectsOn, type Area as ViewPart } from './fit-view'
import './cg-label-editor'
import './cg-link'

/**
 * The map: concepts, links, the others' cursors, and every way to act on them by pointer or key
 * (gestures and keys live in their own modules; pan and zoom in CanvasView).
 */
export class CgCanvas extends LitElement implements CanvasHost {
  static override properties = canvasProperties

  static override styles = [canvasStyles, canvasFarStyles, canvasFreeStyles]

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
  /** The overview is asked for on a narrow board (elsewhere a large map always has one). */
  declare overviewOpen: boolean
  declare selection: ReadonlySet<string>
  declare activeId: string | null
  declare editing: EditTarget | null
  declare linking: LinkDrag | null
  declare connectFrom: string | null
  declare sizes: ReadonlyMap<string, { w: number; h: number }>
  /** The part of the map that has elements (see canvas-cull). */
  declare area: Area

  /** What the page floats over the map (toolbar first): fitting keeps concepts clear of it. */
  overlays: () => Iterable<Element> = () => []
  readonly model = new CanvasModel(() => this.requestUpdate())
  private readonly drawn = new DrawnArea(this)
  private marqueeEl: HTMLElement | null = null
  readonly view = new CanvasView(
    (zoom) => this.emit('cg-zoom', zoom),
    () => {
      this.emit('cg-view-change', null)
      this.overview.show()
      this.drawn.recull(!this.view.gesturing)
      this.far.viewMoved()
    },
    (far) => this.far.setFar(far)
  )
  readonly far = new CanvasFar(this)
  // The parts below are read by the template (canvas-render.ts).
  readonly overview = new CanvasOverview(this)
  readonly find = new CanvasFind(this)
  readonly restyle = new CanvasRestyle(this)
  readonly connect = new CanvasConnect(this)
  readonly gestures = new CanvasGestures(this)
  private readonly measure = new CanvasMeasure(this)
  readonly sizeObserver = this.measure.concepts
  private readonly pending = new PendingFocus()
  private rect: DOMRect | null = null

  constructor() {
    super()
    Object.assign(this, canvasDefaults())
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
    if (!moving) this.drawn.recull(true)
  }

  viewportSize(): { w: number; h: number } {
    return this.view.size
  }

  /** What floats over the map: the page's overlays (toolbar first), then the canvas's own find bar (top right of .free). */
  floating(): Element[] {
    return [...this.overlays(), ...this.renderRoot.querySelectorAll('cg-find-bar')]
  }

  freeView(): ViewPart {
    return freeArea(this.view.size, rectsOn(this, this.floating()))
  }

  /** Pans as little as needed to show a box whole, clear of a side panel and the toolbar. */
  reveal(b: Box): void {
    this.view.reveal(b, this.freeView())
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

  /** Fits the view to these boxes (the map's, or where auto-layout puts them) and their phrases, clear of what floats over it. */
  fitTo(boxes: ReadonlyMap<string, Box>): void {
    const overlays = rectsOn(this, [...this.floating(), this.renderRoot.querySelector('cg-minimap')])
    this.view.fit(boxes, this.model.drawn, overlays, phraseRects(this.model, boxes))
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

  readonly farConceptAt = (x: number, y: number): string | null => (this.far.active ? this.conceptAt(x, y) : null)

  freeSpotNear(x: number, y: number, group?: readonly Box[]): { x: number; y: number } {
    return freeSpotAmong(this.model, x, y, group)
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
  focusMap(options: { ring?: boolean } = {}): void {
    // focusVisible: false (a pointer's doing) keeps the ring off where the browser honours it.
    const focus: FocusOptions & { focusVisible?: boolean } = { preventScroll: true, ...(options.ring === false ? { focusVisible: false } : {}) }
    this.renderRoot.querySelector<HTMLElement>('.map')?.focus(focus)
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
    this.connect.open(from)
  }

  addConcept(): void {
    startNewConcept(this)
  }

  /** Makes a concept from a stream item (see addFromStream). */
  addFromStream(label: string, origin: string, at?: { clientX: number; clientY: number }): string | null {
    return addFromStream(this, label, origin, at)
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
    return this.find.open()
  }

  connectSelected(): void {
    const id = [...this.selection].find((s) => this.concepts.has(s)) ?? this.activeId
    if (id) this.openConnect(id)
  }

  deleteSelection(): void {
    deleteSelection(this)
  }

  /** Lays the map out with dagre: one change, the same for everyone, one undo step. */
  autoLayout(): Promise<void> {
    return autoLayout(this)
  }

  announce(text: string): void {
    this.emit('cg-announce', text)
  }

  tell(text: string): void {
    this.emit('cg-note', text)
  }

  emitCursor(point: { x: number; y: number } | null): void {
    this.emit('cg-cursor', point)
  }

  // ——— Lit lifecycle ———

  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    // Positions only (someone dragging): move the elements, skip the render.
    const onlyMoves = changed.size === 1 && changed.has('concepts') && this.hasUpdated && !this.editing && !this.linking
    const moved = onlyMoves && this.model.tryMove(changed.get('concepts') as ReadonlyMap<string, Concept> | undefined, this.concepts, this.far.active)
    if (moved) this.far.request()
    return !moved
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.model.update(this.concepts, this.links, this.sizes, {
      concepts: changed.has('concepts'),
      links: changed.has('links'),
      sizes: changed.has('sizes'),
      prev: changed.get('concepts') as ReadonlyMap<string, Concept> | undefined
    })
    if (changed.has('links') || changed.has('concepts')) pruneGone(this)
    // Voting mode starts and ends with nothing selected: no Delete live on a concept being voted on, no colour panel over the results.
    if (changed.has('voting') && changed.get('voting') !== undefined) this.selection = new Set()
    const edit = this.pending.takeEdit((id) => this.concepts.has(id) || this.links.has(id))
    if (edit) this.startEditing(edit)
    // The map arriving is fitted before it is drawn, so the first render creates the elements of
    // the fitted view, not those around the map's origin (thrown away a frame later). updated()
    // fits again, as before, now that what floats over the map (the overview) is on the page.
    if (fitsOnArrival(this, changed)) this.fitTo(this.boxes)
    this.drawn.recull(false)
    const e = this.editing
    this.model.cull(this.concepts, this.area, pinnedIds([this.activeId, this.pending.waitingFor, e && e.kind !== 'draft' ? e.id : null, this.linking?.from, this.linking?.target]))
  }

  protected override firstUpdated(): void {
    // Looked up once: these sit after thousands of map elements in document order.
    this.far.attach(this.renderRoot.querySelector('.far-canvas'))
    this.view.attach(this.renderRoot.querySelector('.world'), this.renderRoot.querySelector<CgCursors>('cg-cursors'))
    this.marqueeEl = this.renderRoot.querySelector('.marquee')
    const viewportEl = this.renderRoot.querySelector('.viewport')!
    viewportEl.addEventListener('wheel', this.gestures.onWheel as EventListener, { passive: false })
    viewportEl.addEventListener('scroll', (e) => this.view.takeScroll(e.currentTarget as HTMLElement))
    this.measure.hostResized()
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('concepts') || changed.has('links') || changed.has('area')) this.model.index(this.renderRoot)
    if (changed.has('concepts')) this.overview.load(this.concepts.size)
    if (changed.has('concepts') || changed.has('sizes')) this.overview.show()
    this.pending.takeFocus(this.renderRoot, (id) => {
      const box = this.boxes.get(id) ?? phraseBox(this.model.geometries, id)
      if (box) this.reveal(box)
    })
    if (changed.has('selection') || changed.has('editing')) {
      const e = this.editing
      this.emit('cg-selection-change', { selection: [...this.selection], editing: e && e.kind !== 'draft' ? e.id : null })
    }
    if (fitsOnArrival(this, changed)) this.fitTo(this.boxes)
    if (this.synced && this.concepts.size > 0) this.view.autoFit = false
    // A fit above has set the view already: what it shows is drawn now, not a frame later.
    this.drawn.recull(false)
    this.drawn.rendered()
    this.far.rendered()
  }

  protected override render() {
    return renderCanvas(this)
  }

  // ——— internals ———

  private emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }))
  }

  readonly onPointerDown = (e: PointerEvent): void => {
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

  readonly onKeyDown = (e: KeyboardEvent): void => {
    if (handleMapKey(this, e)) {
      e.preventDefault()
      e.stopPropagation()
    }
  }

  readonly onFocusIn = (e: FocusEvent): void => {
    const id = (e.composedPath()[0] as HTMLElement).dataset?.item
    if (id && id !== this.activeId) this.activeId = id
    this.far.request()
  }

  readonly onCommit = (e: CustomEvent<{ value: string; via: 'key' | 'blur' }>): void => editorCommitted(this, e.detail.value, e.detail.via === 'key')

  readonly onCancel = (e: CustomEvent<{ via: 'key' | 'blur' }>): void => editorCancelled(this, e.detail.via === 'key')
}

if (!customElements.get('cg-canvas')) customElements.define('cg-canvas', CgCanvas)

declare global {
  interface HTMLElementTagNameMap {
    'cg-canvas': CgCanvas
  }
}
