import type { LitElement } from 'lit'

/**
 * Focus and editing that wait for an item to exist. An item this participant just created reaches
 * the canvas through the document and the board, an update or two later; focusing it (or opening
 * its editor) is deferred until it is there, for up to two seconds.
 */
export class PendingFocus {
  private focus: { id: string | null; until: number } | null = null
  private edit: { id: string; until: number } | null = null

  requestFocus(id: string | null): void {
    this.focus = { id, until: performance.now() + 2000 }
  }

  /** The item waiting for focus, if any. */
  get waitingFor(): string | null {
    return this.focus?.id ?? null
  }

  /** The participant moved on (started editing, pressed elsewhere): an old request must not steal focus. */
  cancelFocus(): void {
    this.focus = null
  }

  requestEdit(id: string): void {
    this.edit = { id, until: performance.now() + 2000 }
  }

  /** The id to start editing now that it exists, if one was waiting. */
  takeEdit(exists: (id: string) => boolean): string | null {
    const e = this.edit
    if (!e) return null
    if (exists(e.id)) {
      this.edit = null
      return e.id
    }
    if (performance.now() > e.until) this.edit = null
    return null
  }

  /** Focuses the waiting item (or the map, for null) if it is rendered; `reveal` pans to it. */
  takeFocus(root: ParentNode, reveal: (id: string) => void): void {
    const pending = this.focus
    if (!pending) return
    const el = pending.id
      ? root.querySelector<HTMLElement>(`[data-item="${CSS.escape(pending.id)}"]`)
      : root.querySelector<HTMLElement>('.map')
    if (el || performance.now() > pending.until) this.focus = null
    if (!el) return
    // The item's own update (e.g. leaving edit mode, which hides the label) comes after the
    // canvas's, and a hidden element cannot take focus.
    const owner = el.closest<LitElement>('cg-concept, cg-link')
    void (owner?.updateComplete ?? Promise.resolve()).then(() => {
      if (typingIn(root)) return
      el.focus({ preventScroll: true })
      if (pending.id) reveal(pending.id)
    })
  }
}

/** Whether focus is in a text field inside `root` (the label editor): never pull focus from typing. */
function typingIn(root: ParentNode): boolean {
  let el = (root as Document | ShadowRoot).activeElement ?? null
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
  return el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement
}
