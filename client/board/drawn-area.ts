import { areaFor, EVERYWHERE, type Area } from './canvas-cull'
import type { Viewport } from '../model/viewport'
import { whenIdle } from './when-idle'

/** At the latest, how long after the first screen is drawn the area around it follows. */
const GROW_WITHIN_MS = 1000

/** What DrawnArea reads of the canvas, and the area it sets there. */
export interface DrawnAreaHost {
  area: Area
  readonly concepts: ReadonlyMap<string, unknown>
  readonly synced: boolean
  readonly view: { readonly viewport: Viewport; readonly size: { w: number; h: number } }
}

/**
 * How far around the screen a large map is drawn. At first the screen alone: half a screen on each
 * side is four screens' worth of elements, and on a phone the first screen took ~13 % less of the
 * main thread without them (docs/benchmarks.md). Once the page is idle after a render that drew
 * part of the map, half a screen around it too, so a pan starts with its next part already drawn.
 */
export class DrawnArea {
  private margin = 0
  private growing = false

  constructor(private readonly c: DrawnAreaHost) {}

  /** Renders what comes into view (the view moved, or the map grew past CULL_FROM); an unchanged area is the same object. */
  recull(rest: boolean, current = this.c.area): void {
    this.c.area = areaFor(current, this.c.concepts.size, this.c.view.viewport, this.c.view.size, rest, this.margin)
  }

  /** After each render: the first that drew part of the synced map grows the margin when the page is next idle. */
  rendered(): void {
    if (this.growing || !this.c.synced || this.c.area === EVERYWHERE) return
    this.growing = true
    const grow = () => {
      this.margin = 0.5
      this.recull(true, EVERYWHERE)
    }
    // When the page is next idle: the first screen's measuring and the renders it brings are done.
    whenIdle(grow, GROW_WITHIN_MS)
  }
}
