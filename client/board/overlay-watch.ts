/**
 * Tells when what floats over the map came, went or changed size: the free part of the view may then
 * have changed without the view moving (a side panel opening narrows .free; the vote panel opens,
 * folds or unfolds; Find opens). Sizes through a ResizeObserver on each part, comings and goings
 * through a MutationObserver on the elements they are placed in.
 */
export class OverlayWatch {
  private readonly resized = new ResizeObserver(() => this.changed())
  private readonly moved = new MutationObserver(() => {
    this.follow()
    this.changed()
  })
  private parts: readonly Element[] = []
  private places: readonly Node[] = []

  constructor(
    /** What to watch the size of, and where such parts come and go. */
    private readonly watched: () => { parts: readonly Element[]; places: readonly Node[] },
    private readonly changed: () => void
  ) {}

  /** Watches what is there now (nothing new to do when that has not changed). */
  follow(): void {
    const { parts, places } = this.watched()
    if (!same(parts, this.parts)) {
      this.resized.disconnect()
      for (const p of parts) this.resized.observe(p)
      this.parts = parts
    }
    if (!same(places, this.places)) {
      this.moved.disconnect()
      for (const p of places) this.moved.observe(p, { childList: true })
      this.places = places
    }
  }

  /** Watches nothing (no overview to keep up to date); called on each view change of a small map. */
  stop(): void {
    if (this.parts.length === 0 && this.places.length === 0) return
    this.resized.disconnect()
    this.moved.disconnect()
    this.parts = []
    this.places = []
  }
}

const same = <T>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((x, i) => x === b[i])
