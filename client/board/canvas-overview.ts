import { html, nothing } from 'lit'
import type { Box } from '../model/geometry'
import type { CanvasView } from './canvas-view'
import type { Area } from './fit-view'
import { OverlayWatch } from './overlay-watch'

/** Maps with this many concepts get an overview in the corner. */
export const MINIMAP_FROM = 25

/** The canvas as its overview sees it. */
export interface OverviewHost {
  readonly renderRoot: ParentNode
  /** Where the page puts what floats over the map, beside the canvas (cg-board's .stage). */
  readonly parentNode: ParentNode | null
  readonly view: CanvasView
  readonly boxes: ReadonlyMap<string, Box>
  /** The part of the view no panel or toolbar covers: what the frame shows. */
  freeView(): Area
  /** What floats over the map (the page's overlays and the find bar). */
  floating(): Element[]
}

/**
 * The canvas's side of the overview (cg-minimap): loads it for a large map, tells it the map and
 * the view, and moves the view where it is pressed.
 */
export class CanvasOverview {
  /** The free part of the view as last measured (see show). */
  private area: Area | null = null
  /**
   * What floats over the map changes the free part without moving the view: a side panel opening or
   * closing (.free follows it, canvas-free-styles), the vote panel opening, folding or unfolding, Find
   * opening. The frame stayed where it was until the view next moved.
   */
  private readonly overlays = new OverlayWatch(() => {
    const free = this.host.renderRoot.querySelector('.free')
    const parts = [...(free ? [free] : []), ...this.host.floating()]
    return { parts, places: [free, this.host.parentNode].filter((p) => p !== null) }
  }, () => {
    this.area = null
    this.show()
  })

  constructor(private readonly host: OverviewHost) {}

  private get view(): CanvasView {
    return this.host.view
  }

  /** Loads the overview's code once the map is large enough to have one. */
  load(conceptCount: number): void {
    if (conceptCount >= MINIMAP_FROM) void import('./cg-minimap').then(() => this.show())
  }

  show(): void {
    // The overview's code loads on first use: until then its element is an unknown one, without
    // show(); a throw here would end updated() before the first view is fitted.
    const minimap = this.host.renderRoot.querySelector('cg-minimap')
    if (!minimap || !customElements.get('cg-minimap')) {
      this.area = null
      return this.overlays.stop()
    }
    // Measured only when what floats over the map changed (the watch forgets it), not on each show:
    // the free part is in screen pixels, which a pan, a zoom or another's moves leave as it is, and
    // reading it is a layout, forced each frame while others drag concepts (every update calls this).
    if (!this.area) {
      this.overlays.follow()
      this.area = this.host.freeView()
    }
    minimap.show(this.host.boxes, this.view.viewport, this.area)
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
    const a = this.area ?? this.host.freeView()
    this.view.autoFit = false
    this.view.set({ ...v, x: (a.left + a.right) / 2 - e.detail.x * v.zoom, y: (a.top + a.bottom) / 2 - e.detail.y * v.zoom })
  }
}
