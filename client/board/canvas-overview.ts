import { html, nothing } from 'lit'
import type { Box } from '../model/geometry'
import type { CanvasView } from './canvas-view'

/** Maps with this many concepts get an overview in the corner. */
export const MINIMAP_FROM = 25

/**
 * The canvas's side of the overview (cg-minimap): loads it for a large map, tells it the map and
 * the view, and moves the view where it is pressed.
 */
export class CanvasOverview {
  constructor(
    private readonly root: () => ParentNode,
    private readonly view: CanvasView,
    private readonly boxes: () => ReadonlyMap<string, Box>
  ) {}

  /** Loads the overview's code once the map is large enough to have one. */
  load(conceptCount: number): void {
    if (conceptCount >= MINIMAP_FROM) void import('./cg-minimap').then(() => this.show())
  }

  show(): void {
    // The overview's code loads on first use: until then its element is an unknown one, without
    // show(); a throw here would end updated() before the first view is fitted.
    const minimap = this.root().querySelector('cg-minimap')
    if (minimap && customElements.get('cg-minimap')) minimap.show(this.boxes(), this.view.viewport, this.view.size)
  }

  /** `open`: shown on a narrow board too, where it waits to be asked for. */
  render(conceptCount: number, open: boolean) {
    if (conceptCount < MINIMAP_FROM) return nothing
    return html`<cg-minimap ?open=${open} @cg-minimap-go=${this.onGo} @pointerdown=${(e: Event) => e.stopPropagation()}
      @dblclick=${(e: Event) => e.stopPropagation()}></cg-minimap>`
  }

  private readonly onGo = (e: CustomEvent<{ x: number; y: number }>): void => {
    const v = this.view.viewport
    const { w, h } = this.view.size
    this.view.autoFit = false
    this.view.set({ ...v, x: w / 2 - e.detail.x * v.zoom, y: h / 2 - e.detail.y * v.zoom })
  }
}
