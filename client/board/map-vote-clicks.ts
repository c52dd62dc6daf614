/** How far a press may move and still be a click (not a drag of the map or a concept). */
const CLICK_SLOP_PX = 8

/**
 * In a dot vote's voting mode, a click or tap on a concept (not a drag) places a dot there; Shift
 * takes one back. The canvas captures the pointer for its gestures, so the concept is read from the
 * press's path, and the release only checks it stayed a click.
 */
export class MapVoteClicks {
  private pressed: { pointerId: number; id: string; x: number; y: number } | null = null

  constructor(
    private readonly context: () => { voting: boolean; isConcept: (id: string) => boolean },
    private readonly vote: (conceptId: string, delta: 1 | -1) => void
  ) {}

  readonly down = (e: PointerEvent): void => {
    this.pressed = null
    const { voting, isConcept } = this.context()
    if (!voting) return
    for (const el of e.composedPath()) {
      if (el instanceof HTMLElement && el.tagName === 'CG-VOTE-PANEL') return
      const id = el instanceof HTMLElement ? el.dataset.item : undefined
      if (id !== undefined && isConcept(id)) {
        this.pressed = { pointerId: e.pointerId, id, x: e.clientX, y: e.clientY }
        return
      }
    }
  }

  readonly up = (e: PointerEvent): void => {
    const p = this.pressed
    this.pressed = null
    if (!p || p.pointerId !== e.pointerId || Math.hypot(e.clientX - p.x, e.clientY - p.y) > CLICK_SLOP_PX) return
    this.vote(p.id, e.shiftKey ? -1 : 1)
  }
}
