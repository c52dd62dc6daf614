import { html, nothing } from 'lit'
import type { Box } from '../model/geometry'
import type { CanvasView } from './canvas-view'
import type { Area } from './fit-view'

/** Maps with this many concepts get an overview in the corner. */
export const MINIMAP_FROM = 25

/**
 * The canvas's side of the overview (cg-minimap): loads it for a large map, tells it the map and
 * the view, and moves the view where it is pressed.
 */
export class CanvasOverview {
  /** The free part of the view as last measured (see show). */
  private area: Area | null = null
  /** A side panel opening or closing changes the free part without moving the view; .free follows it (canvas-free-styles). */
  private readonly resized = new ResizeObserver(() => {
    this.area = null
    this.show()
  })
  private watched: Element | null = null

  constructor(
    private readonly root: () => ParentNode,
    private readonly view: CanvasView,
    private readonly boxes: () => ReadonlyMap<string, Box>,
    /** The part of the view no panel or toolbar covers (cg-canvas.freeView): what the frame shows. */
    private readonly free: () => Area
  ) {}

  /** Loads the overview's code once the map is large enough to have one. */
  load(conceptCount: number): void {
    if (conceptCount >= MINIMAP_FROM) void import('./cg-minimap').then(() => this.show())
  }

  show(): void {
    // The overview's code loads on first use: until then its element is an unknown one, without
    // show(); a throw here would end updated() before the first view is fitted.
    const minimap = this.root().querySelector('cg-minimap')
    if (!minimap || !customElements.get('cg-minimap')) return
    const free = this.root().querySelector('.free')
    if (free !== this.watched) {
      this.resized.disconnect()
      if (free) this.resized.observe(free)
      this.watched = free
    }
    // Measured again once the view rests, not in each frame of a pan: a layout read per frame, for
    // panels that do not move while the map does.
    if (!this.area || !this.view.gesturing) this.area = this.free()
    minimap.show(this.boxes(), this.view.viewport, this.area)
  }

  /** `open`: shown on a narrow board too, where it waits to be asked for. */
  render(conceptCount: number, open: boolean) {
    if (conceptCount < MINIMAP_FROM) return nothing
    return html`<cg-minimap ?open=${open} @cg-minimap-go=${this.onGo} @pointerdown=${(e: Event) => e.stopPropagation()}
      @dblclick=${(e: Event) => e.stopPropagation()}></cg-minimap>`
  }

  private readonly onGo = (e: CustomEvent<{ x: number; y: number }>): void => {
    const v = this.view.viewport
    // Into the middle of the free part, where the overview's frame then is (as Find centres a match).
    const a = this.area ?? this.free()
    this.view.autoFit = false
    this.view.set({ ...v, x: (a.left + a.right) / 2 - e.detail.x * v.zoom, y: (a.top + a.bottom) / 2 - e.detail.y * v.zoom })
  }
}
