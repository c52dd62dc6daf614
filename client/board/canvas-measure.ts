import type { PropertyValues, ReactiveController } from 'lit'
import type { Concept } from '../../shared/schema/board-map'
import { editedBox } from './canvas-editing'
import { measuredSizes } from './canvas-derive'
import type { CgCanvas } from './cg-canvas'

/**
 * What the canvas measures of itself: its own size (the view's size; a resize may re-fit the map)
 * and each concept's drawn size (the links' ends and the fit depend on them), both by ResizeObserver.
 */
export class CanvasMeasure implements ReactiveController {
  /** Each drawn concept registers its box here (see cg-concept). */
  readonly concepts = new ResizeObserver((entries) => {
    const next = measuredSizes(entries, this.c.sizes)
    if (next) this.c.sizes = next
  })
  private readonly host = new ResizeObserver(() => this.hostResized())

  constructor(private readonly c: CgCanvas) {
    c.addController(this)
  }

  hostConnected(): void {
    this.host.observe(this.c)
  }

  hostDisconnected(): void {
    this.host.disconnect()
  }

  hostResized(): void {
    const c = this.c
    const r = c.getBoundingClientRect()
    // A resize while a label is edited is a phone's keyboard opening or closing: the view stays put
    // (no re-fit, the label where the finger left it), only kept in sight, and is no fit to redo later.
    const edited = editedBox(c.editing, c.boxes, c.model.geometries)
    const first = c.view.resize(r.width, r.height, !!c.editing)
    if (edited) c.reveal(edited)
    // A map shown from the server before the local copy has loaded is fitted again too: the board
    // page's socket brings the map first, and the header growing a row (presence arriving) left the
    // root half above the view at 600 × 520.
    else if (((first && c.view.autoFit) || c.view.fitted) && (c.loaded || c.synced) && c.concepts.size > 0) c.fitTo(c.boxes)
  }
}

/**
 * Whether this update brings the map to fit: it arrives with the local copy or the server's
 * sync; the server's concepts may reach the snapshots a frame after `synced` does (remote changes
 * are batched per frame), so the first concepts after an empty sync still count as arriving.
 */
export function fitsOnArrival(c: CgCanvas, changed: PropertyValues<CgCanvas>): boolean {
  const firstConcepts = changed.has('concepts') && (changed.get('concepts') as ReadonlyMap<string, Concept> | undefined)?.size === 0
  const arrived = (changed.has('loaded') && c.loaded) || (changed.has('synced') && c.synced) || firstConcepts
  return c.view.autoFit && arrived && c.concepts.size > 0 && c.view.size.w > 0
}
