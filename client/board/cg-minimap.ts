import { css, html, LitElement } from 'lit'
import type { Box } from '../model/geometry'
import type { Viewport } from '../model/viewport'
import type { Area } from './fit-view'

const W = 168
const H = 112

/**
 * An overview of a large map in a corner: every concept as a dot-sized box, the part on screen clear
 * of the panels over it as a frame. A press or drag on it moves the view there (`cg-minimap-go` with
 * the map point). Drawn on a 2D canvas, at most once a frame, so it costs little next to the map itself.
 */
export class CgMinimap extends LitElement {
  static override styles = css`
    :host {
      position: absolute;
      right: 12px;
      bottom: 72px;
      z-index: 3;
      border-radius: 8px;
      background: rgb(255 255 255 / 0.92);
      box-shadow: 0 1px 3px rgb(15 23 42 / 0.2);
      touch-action: none;
    }
    canvas {
      display: block;
      width: ${W}px;
      height: ${H}px;
      cursor: pointer;
    }
    /* A phone or a narrow frame: there it would cover much of the map, so it shows when asked for
       (the toolbar's More menu), in the map's corner above the toolbar's row. */
    @container (max-width: 600px) {
      :host(:not([open])) {
        display: none;
      }
      :host {
        right: 8px;
        bottom: 8px;
      }
    }
  `

  private boxes: ReadonlyMap<string, Box> = new Map()
  private view: Viewport = { x: 0, y: 0, zoom: 1 }
  /** The part of the view no panel covers, in screen pixels: the frame (the map under a side panel is not seen). */
  private free: Area = { left: 0, top: 0, right: 0, bottom: 0 }
  private frame = 0
  /** Map units → minimap pixels, from the last drawing (for pointer input). */
  private scale = 1
  private origin = { x: 0, y: 0 }
  /**
   * Whether the canvas is displayed (a narrow board hides it), as a ResizeObserver last saw it:
   * asking the layout in each frame's callback would force a layout in every frame of a pan.
   */
  private displayed = false
  private readonly displayObserver = new ResizeObserver((entries) => {
    const shown = entries.some((e) => e.contentRect.width > 0)
    if (shown && !this.displayed && !this.frame) this.frame = requestAnimationFrame(() => this.draw())
    this.displayed = shown
  })

  /** Asks for a redraw with this map and view (drawn on the next frame). */
  show(boxes: ReadonlyMap<string, Box>, view: Viewport, free: Area): void {
    this.boxes = boxes
    this.view = view
    this.free = free
    if (!this.frame) this.frame = requestAnimationFrame(() => this.draw())
  }

  protected override firstUpdated(): void {
    this.observeDisplay()
  }

  override connectedCallback(): void {
    super.connectedCallback()
    if (this.hasUpdated) this.observeDisplay()
  }

  private observeDisplay(): void {
    const canvas = this.renderRoot.querySelector('canvas')
    if (canvas) this.displayObserver.observe(canvas)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.displayObserver.disconnect()
    if (this.frame) cancelAnimationFrame(this.frame)
    this.frame = 0
  }

  private draw(): void {
    this.frame = 0
    const canvas = this.renderRoot.querySelector('canvas')
    // Hidden (a narrow screen): nothing to draw, and no cost while the map pans.
    if (!canvas || !this.displayed) return
    const ctx = canvas.getContext('2d')
    if (!ctx) return
    const dpr = Math.min(2, window.devicePixelRatio || 1)
    if (canvas.width !== W * dpr) {
      canvas.width = W * dpr
      canvas.height = H * dpr
    }
    let minX = Infinity
    let minY = Infinity
    let maxX = -Infinity
    let maxY = -Infinity
    for (const b of this.boxes.values()) {
      minX = Math.min(minX, b.x - b.w / 2)
      minY = Math.min(minY, b.y - b.h / 2)
      maxX = Math.max(maxX, b.x + b.w / 2)
      maxY = Math.max(maxY, b.y + b.h / 2)
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
    ctx.clearRect(0, 0, W, H)
    if (minX > maxX) return
    const pad = 6
    this.scale = Math.min((W - 2 * pad) / Math.max(1, maxX - minX), (H - 2 * pad) / Math.max(1, maxY - minY))
    this.origin = { x: pad - minX * this.scale + ((W - 2 * pad) - (maxX - minX) * this.scale) / 2, y: pad - minY * this.scale + ((H - 2 * pad) - (maxY - minY) * this.scale) / 2 }
    const s = this.scale
    const o = this.origin
    ctx.fillStyle = '#64748b'
    for (const b of this.boxes.values()) ctx.fillRect(o.x + (b.x - b.w / 2) * s, o.y + (b.y - b.h / 2) * s, Math.max(1.5, b.w * s), Math.max(1.5, b.h * s))
    const v = this.view
    const f = this.free
    ctx.strokeStyle = '#2563eb'
    ctx.lineWidth = 1.5
    ctx.strokeRect(o.x + ((f.left - v.x) / v.zoom) * s, o.y + ((f.top - v.y) / v.zoom) * s, ((f.right - f.left) / v.zoom) * s, ((f.bottom - f.top) / v.zoom) * s)
  }

  private readonly onPointer = (e: PointerEvent): void => {
    if (e.type === 'pointermove' && !(e.buttons & 1)) return
    e.stopPropagation()
    if (e.type === 'pointerdown') (e.currentTarget as Element).setPointerCapture(e.pointerId)
    const r = (e.currentTarget as Element).getBoundingClientRect()
    const x = (e.clientX - r.left - this.origin.x) / this.scale
    const y = (e.clientY - r.top - this.origin.y) / this.scale
    this.dispatchEvent(new CustomEvent('cg-minimap-go', { detail: { x, y }, bubbles: true, composed: true }))
  }

  protected override render() {
    return html`<canvas role="img" aria-label="Overview of the map; press to move the view there"
      @pointerdown=${this.onPointer} @pointermove=${this.onPointer}></canvas>`
  }
}

if (!customElements.get('cg-minimap')) customElements.define('cg-minimap', CgMinimap)

declare global {
  interface HTMLElementTagNameMap {
    'cg-minimap': CgMinimap
  }
}
