import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit'
import type { Concept, Link } from '../../shared/schema/board-map'
import { phraseBox, type CachedGeometry } from './canvas-derive'
import { findMatches } from './find-matches'
import type { Area } from './fit-view'

/** The canvas as find sees it. */
export interface FindHost extends ReactiveControllerHost {
  readonly renderRoot: ParentNode
  readonly concepts: ReadonlyMap<string, Concept>
  readonly links: ReadonlyMap<string, Link>
  readonly model: {
    readonly drawn: readonly Link[]
    readonly boxes: ReadonlyMap<string, { x: number; y: number }>
    readonly geometries: ReadonlyMap<string, CachedGeometry>
  }
  readonly view: { centreOn(p: { x: number; y: number }, area: Area): void }
  /** The part of the view no side panel or toolbar covers. */
  freeView(): Area
  selection: ReadonlySet<string>
  activeId: string | null
  focusItem(id: string | null): void
  focusMap(): void
}

/**
 * Find (Ctrl/⌘ F) on the map: the bar (loaded on first use), the matches and the one shown. Each
 * step flies the view to the match; closing focuses it, or the map.
 */
export class CanvasFind implements ReactiveController {
  finding = false
  found: string[] = []
  index = -1

  constructor(private readonly host: FindHost) {
    host.addController(this)
  }

  hostConnected(): void {}

  /** Opens the bar, or puts the cursor back in it. */
  open(): boolean {
    void import('./cg-find-bar').then(async () => {
      this.finding = true
      this.host.requestUpdate()
      await this.host.updateComplete
      this.host.renderRoot.querySelector<HTMLElement>('cg-find-bar')?.focus()
    })
    return true
  }

  render() {
    if (!this.finding) return nothing
    return html`<cg-find-bar .count=${this.found.length} .index=${this.index} @cg-find-input=${this.onInput}
      @cg-find-step=${this.onStep} @cg-find-close=${this.onClose} @pointerdown=${(e: Event) => e.stopPropagation()}
      @dblclick=${(e: Event) => e.stopPropagation()}></cg-find-bar>`
  }

  private readonly onInput = (e: CustomEvent<string>): void => {
    const m = this.host.model
    const shown = (id: string) => !m.geometries.get(id)?.geometry.member
    const at = (id: string) => m.boxes.get(id) ?? m.geometries.get(id)?.geometry.label ?? null
    this.found = findMatches(e.detail, this.host.concepts, m.drawn, at, shown)
    this.index = this.found.length ? 0 : -1
    this.host.requestUpdate()
    if (this.found.length) this.flyTo(this.found[0]!)
  }

  private readonly onStep = (e: CustomEvent<number>): void => {
    const n = this.found.length
    if (!n) return
    this.index = (this.index + e.detail + n) % n
    this.host.requestUpdate()
    this.flyTo(this.found[this.index]!)
  }

  /** Centres a match in the view, at a zoom where it can be read, and selects it. */
  private flyTo(id: string): void {
    const h = this.host
    const b = h.model.boxes.get(id) ?? phraseBox(h.model.geometries, id)
    if (!b) return
    h.view.centreOn(b, h.freeView())
    h.selection = new Set([id])
    h.activeId = id
  }

  private readonly onClose = (): void => {
    this.finding = false
    const id = this.found[this.index]
    this.found = []
    this.host.requestUpdate()
    if (id && (this.host.concepts.has(id) || this.host.links.has(id))) this.host.focusItem(id)
    else this.host.focusMap()
  }
}
