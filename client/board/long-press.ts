/** How long a finger rests before a press becomes a long press (Android's own long press is 400–500 ms). */
export const LONG_PRESS_MS = 450
/** How far a resting finger may wander (fingers are not still) and still be pressing, not panning. */
const WANDER_PX = 10

/**
 * A finger resting in one place: a phone has no Shift key, so holding a finger is how it selects
 * several (on a concept: add or remove it; on the background: draw a selection). Fires once, unless
 * the finger moves away, lifts or is joined by another first.
 */
export class LongPress {
  private timer: ReturnType<typeof setTimeout> | null = null
  private from: { x: number; y: number } | null = null
  private firedAt = -Infinity

  constructor(private readonly ms = LONG_PRESS_MS) {}

  arm(at: { x: number; y: number }, fire: () => void): void {
    this.cancel()
    this.from = at
    this.timer = setTimeout(() => {
      this.timer = null
      this.from = null
      this.firedAt = performance.now()
      fire()
    }, this.ms)
  }

  /** The finger moved to `to`: too far, and the press is a pan or a drag after all. */
  moved(to: { x: number; y: number }): void {
    if (this.from && Math.hypot(to.x - this.from.x, to.y - this.from.y) > WANDER_PX) this.cancel()
  }

  /**
   * Whether a long press fired within the last `ms`: two holds in a row on one concept can reach the
   * page as a double tap too (seen under load), which must not open the label editor.
   */
  firedWithin(ms: number): boolean {
    return performance.now() - this.firedAt < ms
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.from = null
  }
}
