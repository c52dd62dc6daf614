import { html, nothing } from 'lit'
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
  announce(text: string): void
}

/** The colour and shape panel, while concepts are selected and the map can be changed; one undo step per restyle. */
export class CanvasRestyle {
  constructor(private readonly host: RestyleHost) {}

  render() {
    const h = this.host
    if (h.readOnly || !h.ops || h.editing || h.voting) return nothing
    const chosen = [...h.selection].map((id) => h.concepts.get(id)).filter((c): c is Concept => c !== undefined)
    if (!chosen.length) return nothing
    // Loaded when first needed, like the find bar and the overview: the first bundle stays lean.
    void import('./cg-style-panel')
    const same = <T,>(values: T[]): T | undefined => (values.every((v) => v === values[0]) ? values[0] : undefined)
    const color = same(chosen.map((c) => c.color ?? null))
    const shape = same(chosen.map((c) => c.shape ?? 'rounded'))
    return html`<cg-style-panel .color=${color} .shape=${shape} @cg-restyle=${this.onRestyle}
      @pointerdown=${(e: Event) => e.stopPropagation()} @dblclick=${(e: Event) => e.stopPropagation()}></cg-style-panel>`
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
