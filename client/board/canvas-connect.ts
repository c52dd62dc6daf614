import { html } from 'lit'
import type { Concept } from '../../shared/schema/board-map'
import { connect } from './canvas-editing'
import type { CanvasHost } from './canvas-types'
import { need } from './lazy-parts'

/** The canvas as the connect dialog sees it. */
export interface ConnectHost extends CanvasHost {
  connectFrom: string | null
}

/**
 * The connect dialog (L on a concept): links it to another chosen from a list, the keyboard's way
 * to draw a link. Closing it without a link puts focus back on the concept it started from.
 */
export class CanvasConnect {
  private made = false

  constructor(private readonly host: ConnectHost) {}

  open(from: string): void {
    if (this.host.readOnly || !this.host.concepts.has(from)) return
    this.made = false
    need('cg-connect-dialog')
    this.host.connectFrom = from
  }

  render() {
    const from = this.host.connectFrom
    return html`<cg-connect-dialog
      .from=${from ? (this.host.concepts.get(from) ?? null) : null}
      .candidates=${from ? this.candidates(from) : []}
      @cg-connect=${this.onConnect}
      @cg-connect-close=${this.onClose}
    ></cg-connect-dialog>`
  }

  private candidates(from: string): Concept[] {
    return [...this.host.concepts.values()]
      .filter((c) => c.id !== from)
      .sort((a, b) => (a.label || '\uffff').localeCompare(b.label || '\uffff'))
  }

  private readonly onConnect = (e: CustomEvent<{ from: string; to: string; label: string }>): void => {
    if (connect(this.host, e.detail.from, e.detail.to, e.detail.label)) this.made = true
  }

  private readonly onClose = (): void => {
    const from = this.host.connectFrom
    this.host.connectFrom = null
    if (!this.made && from) this.host.focusItem(from)
  }
}
