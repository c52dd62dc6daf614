import { html, nothing, type LitElement } from 'lit'
import type { Concept } from '../../shared/schema/board-map'
import type { BoardOps } from '../model/board-ops'

/** The canvas as the colour and shape panel sees it. */
export interface RestyleHost {
  readonly concepts: ReadonlyMap<string, Concept>
  readonly selection: ReadonlySet<string>
  readonly readOnly: boolean
  readonly voting: boolean
  readonly editing: unknown
  readonly ops: BoardOps | null
  readonly history: { stopCapturing(): void } | null
  readonly renderRoot: ParentNode
  announce(text: string): void
}

const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom

/** The colour and shape panel, while concepts are selected and the map can be changed; one undo step per restyle. */
export class CanvasRestyle {
  constructor(private readonly host: RestyleHost) {}

  /** The selection the panel was last placed for; null while the panel is hidden. */
  private placedFor: ReadonlySet<string> | null = null

  render() {
    const h = this.host
    if (h.readOnly || !h.ops || h.editing || h.voting) return this.hidden()
    const chosen = [...h.selection].map((id) => h.concepts.get(id)).filter((c): c is Concept => c !== undefined)
    if (!chosen.length) return this.hidden()
    // Shown for another selection, or again after an edit: placed once it is on the page. A concept
    // just made is selected before it reaches the canvas, so this may be an update after the selection.
    if (this.placedFor !== h.selection) {
      this.placedFor = h.selection
      requestAnimationFrame(() => this.place())
    }
    // Loaded when first needed, like the find bar and the overview: the first bundle stays lean.
    void import('./cg-style-panel')
    const same = <T,>(values: T[]): T | undefined => (values.every((v) => v === values[0]) ? values[0] : undefined)
    const color = same(chosen.map((c) => c.color ?? null))
    const shape = same(chosen.map((c) => c.shape ?? 'rounded'))
    return html`<cg-style-panel .color=${color} .shape=${shape} @cg-restyle=${this.onRestyle}
      @pointerdown=${(e: Event) => e.stopPropagation()} @dblclick=${(e: Event) => e.stopPropagation()}></cg-style-panel>`
  }

  private hidden(): typeof nothing {
    this.placedFor = null
    return nothing
  }

  /**
   * Puts the panel on the other side of the map (the top on a phone, the right on a desktop) when it
   * would cover a selected concept (or the overview): a concept tapped low on a phone's screen, or
   * renamed there, stays in sight beside the panel that restyles it. The panel moves, not the view, so the second tap of a
   * double tap still lands on the concept.
   */
  private place(): void {
    const panel = this.host.renderRoot.querySelector<LitElement>('cg-style-panel')
    if (!panel) return
    void customElements.whenDefined('cg-style-panel')
      .then(() => panel.updateComplete)
      .then(() => requestAnimationFrame(() => this.flipIfCovering(panel)))
  }

  private flipIfCovering(panel: HTMLElement, tries = 10): void {
    const h = this.host
    if (!panel.isConnected) return
    const els = [...h.selection].slice(0, 200).map((id) => h.renderRoot.querySelector(`.box[data-item="${CSS.escape(id)}"]`))
    // A concept just made is selected before it reaches the canvas (an update or two later): wait a
    // few frames for it. Culled concepts (off screen) have no element either, and are not under the panel.
    if (els.includes(null) && tries > 0) {
      requestAnimationFrame(() => this.flipIfCovering(panel, tries - 1))
      return
    }
    const boxes = els.flatMap((el) => (el ? [el.getBoundingClientRect()] : []))
    // The overview a phone user opened (it shares the bottom of a narrow map with the panel).
    const overview = h.renderRoot.querySelector('cg-minimap')?.getBoundingClientRect()
    if (overview && overview.width > 0 && overview.height > 0) boxes.push(overview)
    const covers = () => {
      const p = panel.getBoundingClientRect()
      return boxes.some((b) => overlap(b, p))
    }
    panel.removeAttribute('flipped')
    if (!covers()) return
    panel.setAttribute('flipped', '')
    // A selection under both places keeps the usual one, and so does an open find bar there (the
    // other side's top: it is being typed in).
    const find = h.renderRoot.querySelector('cg-find-bar')?.getBoundingClientRect()
    if (covers() || (find && overlap(find, panel.getBoundingClientRect()))) panel.removeAttribute('flipped')
  }

  private readonly onRestyle = (e: CustomEvent<{ color?: string | null; shape?: string | null }>): void => {
    const h = this.host
    const ids = [...h.selection].filter((id) => h.concepts.has(id))
    // A new fill drops any text colour, so the label is drawn for contrast with it.
    const style = 'color' in e.detail ? { color: e.detail.color ?? null, textColor: null } : { shape: e.detail.shape ?? null }
    h.history?.stopCapturing()
    h.ops?.restyle(ids, style)
    h.history?.stopCapturing()
    h.announce(`Restyled ${ids.length === 1 ? h.concepts.get(ids[0]!)?.label || '1 concept' : `${ids.length} concepts`}`)
  }
}
