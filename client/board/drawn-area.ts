import { areaFor, type Area } from './canvas-cull'
import type { Viewport } from '../model/viewport'

/** At the latest, how long after the first screen is drawn the area around it follows. */
const GROW_WITHIN_MS = 1000

/**
 * How far around the screen a large map is drawn. At first the screen alone: half a screen on each
 * side is four screens' worth of elements, and on a phone the first screen came ~10 % sooner
 * without them (docs/benchmarks.md). Once the page is idle after a render that drew part of the
 * map, half a screen around it too, so a pan starts with its next part already drawn.
 */
export class DrawnArea {
  private margin = 0
  private growing = false

  /** The area to draw for this view (canvas-cull's areaFor, with the margin of the moment). */
  areaFor(current: Area, concepts: number, v: Viewport, size: { w: number; h: number }, rest: boolean): Area {
    return areaFor(current, concepts, v, size, rest, this.margin)
  }

  /** A render drew `part` of the map: the first time, grows the margin soon and calls `regrow`. */
  rendered(part: boolean, regrow: () => void): void {
    if (!part || this.growing) return
    this.growing = true
    const grow = () => {
      this.margin = 0.5
      regrow()
    }
    // When the page is next idle: the first screen's measuring and the renders it brings are done.
    if (typeof requestIdleCallback === 'function') requestIdleCallback(grow, { timeout: GROW_WITHIN_MS })
    else setTimeout(grow, GROW_WITHIN_MS)
  }
}
