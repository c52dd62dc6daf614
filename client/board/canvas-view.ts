import type { Box } from '../model/geometry'
import { fitBounds, MAX_ZOOM, zoomAt, type Viewport } from '../model/viewport'
import type { CgCursors } from './cg-cursors'
import { fitView, rootOf, type Area, type ScreenRect } from './fit-view'

/**
 * The canvas's view of the map: pan and zoom. Applied as one transform on the map layer, set
 * directly once per frame rather than through a render, so a thousand concepts move at frame rate.
 */
export class CanvasView {
  viewport: Viewport = { x: 0, y: 0, zoom: 1 }
  size = { w: 0, h: 0 }
  /** Fit the map when it arrives (local copy, then server), until the participant takes the view over. */
  autoFit = true
  /** The view is a fit nobody has moved since: a new size (the header wrapping, a phone turned) fits again. */
  fitted = false
  private frame = 0
  private movingTimer: ReturnType<typeof setTimeout> | null = null
  private lastZoomPercent = 100
  private world: HTMLElement | null = null
  private cursors: CgCursors | null = null

  constructor(
    private readonly onZoom: (zoom: number) => void,
    /** Told after each frame the view moved (others may follow this view). */
    private readonly onMove: () => void = () => {},
    /** Told when the view goes far out (labels unreadable: the map is drawn as an overview) or comes back. */
    private readonly onFar: (far: boolean) => void = () => {}
  ) {}

  attach(world: HTMLElement | null, cursors: CgCursors | null): void {
    this.world = world
    this.cursors = cursors
    this.set(this.viewport)
  }

  set(v: Viewport): void {
    this.fitted = false
    this.viewport = v
    if (!this.frame) this.frame = requestAnimationFrame(() => this.apply())
  }

  /** Whether a gesture is moving the view (the map is then its own layer). */
  get gesturing(): boolean {
    return this.world?.classList.contains('moving') ?? false
  }

  setMoving(moving: boolean): void {
    this.autoFit = false
    // The map is its own composited layer while the view moves, so frames only move it. The layer
    // goes shortly after: a layer keeps the scale it was first drawn at, and would otherwise stay
    // blurry (zoomed in) or cost thousands of tiles (zoomed out).
    const world = this.world
    if (this.movingTimer) clearTimeout(this.movingTimer)
    this.movingTimer = null
    if (moving) world?.classList.add('moving')
    else
      this.movingTimer = setTimeout(() => {
        this.movingTimer = null
        world?.classList.remove('moving')
        this.setFar()
        this.reportZoom()
      }, 250)
  }

  zoomBy(factor: number): void {
    this.set(zoomAt(this.viewport, factor, this.size.w / 2, this.size.h / 2))
  }

  /**
   * Fits the map readably (see fit-view): all of it, or a map too large to read whole from its root
   * at a readable zoom; concepts and linking phrases (`phrases`) clear of what floats over the map
   * (`overlays`, most important first).
   */
  fit(boxes: ReadonlyMap<string, Box>, links: Iterable<{ from: string; to: string }>, overlays: readonly ScreenRect[], phrases: readonly Box[] = []): void {
    const v = fitView([...boxes.values()], { size: this.size, overlays, root: rootOf(boxes, links), phrases })
    if (v) this.set(v)
    this.fitted = v !== null
  }

  /**
   * Pans just enough to bring a box into view (keyboard focus must be seen), into `area`:
   * the part of the view not under a side panel or the toolbar (a new concept landed under them).
   */
  reveal(b: Box, area: Area): void {
    const v = this.viewport
    const margin = 16
    const shift = (centre: number, half: number, from: number, to: number): number => {
      const low = centre - half
      const high = centre + half
      // Wider than the free part: its start is what is read first.
      if (low < from + margin || high - low > to - from - 2 * margin) return from + margin - low
      return high > to - margin ? to - margin - high : 0
    }
    const dx = shift(b.x * v.zoom + v.x, (b.w / 2) * v.zoom, area.left, area.right)
    const dy = shift(b.y * v.zoom + v.y, (b.h / 2) * v.zoom, area.top, area.bottom)
    if (dx || dy) this.set({ ...v, x: v.x + dx, y: v.y + dy })
  }

  /**
   * Centres a point of the map in `area` (the part of the view no panel or toolbar covers: a match
   * centred on the whole view could sit under an open side panel), at a zoom where it can be read.
   */
  centreOn(p: { x: number; y: number }, area: Area): void {
    const zoom = Math.max(this.viewport.zoom, 0.8)
    this.autoFit = false
    this.set({ zoom, x: (area.left + area.right) / 2 - p.x * zoom, y: (area.top + area.bottom) / 2 - p.y * zoom })
  }

  /** The part of the map on screen, in map coordinates. */
  visible(): { x: number; y: number; w: number; h: number } {
    const v = this.viewport
    return { x: -v.x / v.zoom, y: -v.y / v.zoom, w: this.size.w / v.zoom, h: this.size.h / v.zoom }
  }

  /**
   * Shows a part of the map (someone else's view) as large as this screen allows, centred. A laptop's
   * view on a phone would be unreadably small: the zoom stays readable, and the middle of it shows.
   */
  show(view: { x: number; y: number; w: number; h: number }): void {
    this.autoFit = false
    const bounds = { minX: view.x, minY: view.y, maxX: view.x + view.w, maxY: view.y + view.h }
    const fitted = fitBounds(bounds, this.size.w, this.size.h, { padding: 0, maxZoom: MAX_ZOOM })
    if (fitted.zoom >= FOLLOW_ZOOM) return this.set(fitted)
    const cx = view.x + view.w / 2
    const cy = view.y + view.h / 2
    this.set({ zoom: FOLLOW_ZOOM, x: this.size.w / 2 - cx * FOLLOW_ZOOM, y: this.size.h / 2 - cy * FOLLOW_ZOOM })
  }

  /**
   * Something scrolled the clipped viewport (a scrollIntoView of an element off screen, an assistive
   * tool): taken as a pan of the view, since a scrolled layer would put the map, its panels and the
   * pointer's map coordinates out of step with the view (the colour panel half off a phone's screen).
   */
  takeScroll(el: HTMLElement): void {
    const dx = el.scrollLeft
    const dy = el.scrollTop
    if (!dx && !dy) return
    el.scrollLeft = 0
    el.scrollTop = 0
    const v = this.viewport
    this.autoFit = false
    this.set({ ...v, x: v.x - dx, y: v.y - dy })
  }

  /** The map point in the middle of the view. */
  centre(): { x: number; y: number } {
    const v = this.viewport
    return { x: (this.size.w / 2 - v.x) / v.zoom, y: (this.size.h / 2 - v.y) / v.zoom }
  }

  /**
   * Returns whether this was the first size (the view starts with the map's origin in the middle).
   * `still`: the view stays exactly where it is and is a fit no more (see CanvasMeasure.hostResized).
   */
  resize(w: number, h: number, still = false): boolean {
    const first = this.size.w === 0
    const v = this.viewport
    const fitted = this.fitted && !still
    if (first) this.set({ ...v, x: w / 2, y: h / 2 })
    else if (!still) this.set({ ...v, x: v.x + (w - this.size.w) / 2, y: v.y + (h - this.size.h) / 2 })
    // Still a fit until the caller fits again to the new size.
    this.fitted = fitted
    this.size = { w, h }
    return first
  }

  private apply(): void {
    this.frame = 0
    const v = this.viewport
    // Only the transform of a (while moving, composited) layer changes: nothing is repainted.
    const world = this.world
    if (world) {
      world.style.transform = `translate(${v.x}px,${v.y}px) scale(${v.zoom})`
      if (!world.classList.contains('moving')) this.setFar()
    }
    this.cursors?.setViewport(v)
    this.onMove()
    // Anything repainted while the view moves costs a whole paint pass per frame: the zoom read-out
    // waits until the movement ends.
    if (!world?.classList.contains('moving') && !this.movingTimer) {
      this.reportZoom()
      // The link handle's touch area stays at least 44 screen pixels at any zoom, so rounded up (set
      // once the view rests: an inherited property changed every frame would restyle the whole map).
      world?.style.setProperty('--handle-pad', `${Math.ceil(Math.max(15, (44 / v.zoom - 14) / 2))}px`)
    }
  }

  /** Far out or not, by the zoom: changed only while no gesture moves the view (see setMoving). */
  private setFar(): void {
    const far = this.viewport.zoom < FAR_ZOOM
    if (!this.world || this.world.classList.contains('far') === far) return
    this.world.classList.toggle('far', far)
    this.onFar(far)
  }

  private reportZoom(): void {
    const percent = Math.round(this.viewport.zoom * 100)
    if (percent !== this.lastZoomPercent) {
      this.lastZoomPercent = percent
      this.onZoom(this.viewport.zoom)
    }
  }
}

/** Someone else's view is never shown smaller than this (labels of 7 px). */
const FOLLOW_ZOOM = 0.5

/** Below this zoom labels are under 5px tall: unreadable, yet the bulk of the raster work. */
const FAR_ZOOM = 0.3
