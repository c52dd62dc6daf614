import type { Concept } from '../../shared/schema/board-map'
import type { Viewport } from '../model/viewport'
import type { CanvasModel } from './canvas-model'
import type { LinkDrag } from './canvas-types'
import type { RemoteMark } from './marks'
import { drawOverview } from './overview-canvas'

/** What the far drawing reads of the canvas. */
export interface FarHost {
  readonly model: CanvasModel
  readonly concepts: ReadonlyMap<string, Concept>
  readonly selection: ReadonlySet<string>
  readonly marks: ReadonlyMap<string, readonly RemoteMark[]>
  readonly linking: LinkDrag | null
  readonly readOnly: boolean
  readonly viewport: Viewport
  viewportSize(): { w: number; h: number }
  readonly renderRoot: HTMLElement | DocumentFragment
  requestUpdate(): void
}

/**
 * Far out (the view's `far` class, below FAR_ZOOM) the map is drawn into one <canvas> the size of the
 * view (overview-canvas.ts), and the DOM map stays, hidden (see `.far` in canvas-styles): presses
 * find their concept by geometry, and the active item stays focusable. The DOM map's paint and
 * layerisation walked every item's paint layer each frame whatever moved; a redraw of the whole
 * canvas is one pass over the boxes and lines.
 *
 * Redrawn at once when the view moves (from the view's own frame) and in the next frame when the
 * map changes (moves, selection, marks: see request()).
 */
export class CanvasFar {
  private canvas: HTMLCanvasElement | null = null
  private far = false
  private frame = 0
  private personNames = true
  /** The view the canvas was last drawn for; null: the map changed since (see request). */
  private drawnFor: Viewport | null = null
  private restTimer: ReturnType<typeof setTimeout> | null = null

  constructor(private readonly host: FarHost) {}

  attach(canvas: HTMLCanvasElement | null): void {
    this.canvas = canvas
  }

  get active(): boolean {
    return this.far
  }

  /** The view went far (or came back): the canvas shows the map, or goes, and the DOM map with it. */
  setFar(far: boolean): void {
    if (far === this.far || !this.canvas) return
    this.far = far
    this.canvas.hidden = !far
    if (far) {
      this.readPersonNames()
      this.draw()
    } else {
      // Nothing kept of a canvas not shown: its backing store is the view's size in device pixels.
      this.canvas.width = 0
      this.canvas.height = 0
      // Moves far out left the hidden elements where they were (see applyMoves): a render places them.
      this.host.requestUpdate()
    }
  }

  /** Something drawn changed: redrawn in the next frame. */
  request(): void {
    this.drawnFor = null
    if (this.far && !this.frame) this.frame = requestAnimationFrame(() => this.draw())
  }

  /**
   * The view moved (its own frame). A pan only slides what is drawn: the canvas reaches MARGIN
   * pixels beyond the view on every side, so a slide of up to that shows drawn map, moved by the
   * compositor (a redraw every frame of a pan cost more than the pan itself did before). Redrawn
   * when the slide would reach past the margin, the zoom changes, and once the view rests.
   */
  viewMoved(): void {
    const v = this.host.viewport
    const d = this.drawnFor
    if (!this.far || !this.canvas || !d || d.zoom !== v.zoom || Math.abs(v.x - d.x) > MARGIN || Math.abs(v.y - d.y) > MARGIN) return this.draw()
    this.canvas.style.transform = `translate(${v.x - d.x}px,${v.y - d.y}px)`
    if (this.restTimer) clearTimeout(this.restTimer)
    this.restTimer = setTimeout(() => {
      this.restTimer = null
      this.request()
    }, REST_MS)
  }

  /** Focus moved within the map: its ring is drawn. */
  readonly onFocusChange = (): void => this.request()

  /** The map re-rendered: what else a render may have changed (the live view projected) is read again. */
  rendered(): void {
    if (!this.far) return
    this.readPersonNames()
    this.request()
  }

  /** Draws now (the view's own frame: the canvas moves with the map in the same frame). */
  draw(): void {
    if (this.frame) cancelAnimationFrame(this.frame)
    this.frame = 0
    const canvas = this.canvas
    if (!this.far || !canvas) return
    const view = this.host.viewportSize()
    const size = { w: view.w + 2 * MARGIN, h: view.h + 2 * MARGIN }
    const dpr = window.devicePixelRatio || 1
    const w = Math.round(size.w * dpr)
    const h = Math.round(size.h * dpr)
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w
      canvas.height = h
    }
    const ctx = canvas.getContext('2d')
    if (!ctx) return
    const { model, concepts, selection, marks, linking, readOnly, viewport: v } = this.host
    drawOverview(
      ctx,
      {
        concepts,
        boxes: model.boxes,
        drawn: model.drawn,
        geometries: model.geometries,
        selection,
        marks,
        dropTarget: linking?.target ?? null,
        focused: this.focused(),
        readOnly,
        personNames: this.personNames
      },
      { ...v, x: v.x + MARGIN, y: v.y + MARGIN },
      size,
      dpr
    )
    this.drawnFor = v
    canvas.style.transform = ''
  }

  /** The item with visible keyboard focus: its focus ring is drawn. */
  private focused(): string | null {
    const el = (this.host.renderRoot as ShadowRoot).activeElement as HTMLElement | null
    return el?.dataset?.item && el.matches(':focus-visible') ? el.dataset.item : null
  }

  private readPersonNames(): void {
    // Read on a render, not per frame: a style read in a frame of moves would force a style pass.
    const host = (this.host.renderRoot as ShadowRoot).host
    this.personNames = !host || getComputedStyle(host).getPropertyValue('--cg-person-names').trim() !== 'none'
  }
}

/** How far (CSS pixels) the canvas reaches beyond the view on each side: how far a pan slides it before a redraw. */
export const MARGIN = 96

/** A pan that stops this long is drawn afresh (the margin shown, edges beyond it filled). */
const REST_MS = 150
