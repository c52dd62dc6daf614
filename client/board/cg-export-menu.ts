import { css, html, LitElement } from 'lit'
import type { ExportFormat } from '../../shared/exchange/index'
import { emptyTxtNote } from '../../shared/exchange/txt-export'
import type { Concept, Link } from '../../shared/schema/board-map'
import { EXCHANGE_API } from '../../shared/api/routes/exchange-routes'
import { LIVE_API } from '../../shared/api/routes/live-routes'
import { ApiClient } from '../api/api-client'
import { BoardApiError, boardClient, boardParams } from './board-api'
import { keepInViewport } from './popup-placement'

/**
 * The board's Export menu: one button per format. A press asks the server for a one-minute,
 * single-use download ticket (POST /api/boards/:id/export-tickets, token in the Authorization
 * header) and then follows GET /api/boards/:id/export?ticket=…, so the browser downloads (the
 * server sends Content-Disposition: attachment) and no token is ever in a URL: download history,
 * proxy logs and Referer headers keep only a spent ticket. The list opens next to the button,
 * inside the viewport (above it at the bottom of the screen, moved in from the right edge).
 */

/** The live map, as much of it as the menu reads: whether the text export would hold anything. */
export interface ExportedMap {
  readonly concepts: ReadonlyMap<string, Pick<Concept, 'id'>>
  readonly links: ReadonlyMap<string, Pick<Link, 'from' | 'to'>>
}

/**
 * What each format is called in the menu, in menu order. The formats come in by a type-only
 * import, which keeps the exchange code (and its XML parser) out of the client bundle.
 */
export const EXPORT_CHOICES: ReadonlyArray<{ format: ExportFormat; label: string; query?: string }> = [
  { format: 'png', label: 'Picture (PNG)', query: 'scale=2' },
  { format: 'svg', label: 'Picture (SVG)' },
  { format: 'txt', label: 'Propositions as text' },
  { format: 'json', label: 'Board file (JSON)' },
  { format: 'cxl', label: 'CmapTools (CXL)' },
  { format: 'graphml', label: 'GraphML' },
  { format: 'mermaid', label: 'Mermaid diagram' }
]

/** The download URL of one export, opened by `ticket`; `server` is the API's origin, empty for this page's own. */
export function exportUrl(server: string, boardId: string, format: ExportFormat, ticket: string, query = ''): string {
  // Only its URL: the ticket opens it, so the client's token is not needed (nor sent: a link has no header).
  return new ApiClient('', server).url(EXCHANGE_API.exportBoard, { id: boardId }, { format, ...Object.fromEntries(new URLSearchParams(query)), ticket })
}

export class CgExportMenu extends LitElement {
  static override properties = {
    boardId: { type: String, attribute: 'board-id' },
    token: { attribute: false },
    server: { type: String },
    map: { attribute: false },
    busy: { state: true },
    error: { state: true },
    note: { state: true }
  }

  static override styles = css`
    :host {
      position: relative;
      display: inline-block;
      font: 14px/1.3 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
      color: #0f172a;
    }
    summary {
      cursor: pointer;
      padding: 6px 12px;
      border: 1px solid #64748b;
      border-radius: 8px;
      background: #fff;
      list-style: none;
    }
    summary::-webkit-details-marker {
      display: none;
    }
    summary::after {
      content: ' ▾' / '';
    }
    ul {
      position: absolute;
      z-index: 10;
      inset-inline-start: 0;
      margin: 4px 0 0;
      padding: 4px;
      min-width: 13rem;
      list-style: none;
      background: #fff;
      border: 1px solid #cbd5e1;
      border-radius: 8px;
      box-shadow: 0 10px 30px rgb(15 23 42 / 0.18);
    }
    button {
      display: block;
      width: 100%;
      padding: 8px 10px;
      border: 0;
      border-radius: 6px;
      background: none;
      color: inherit;
      font: inherit;
      text-align: start;
      cursor: pointer;
    }
    button:hover {
      background: #f1f5f9;
    }
    button[aria-busy='true'] {
      cursor: progress;
    }
    .error,
    .note {
      margin: 4px 10px 6px;
      color: #b91c1c;
      max-width: 16rem;
    }
    .note {
      color: #334155;
    }
    summary:focus-visible,
    button:focus-visible {
      outline: 3px solid #2563eb;
      outline-offset: 2px;
    }
    /* A finger needs 44 px. */
    @media (pointer: coarse) {
      summary,
      button {
        box-sizing: border-box;
        min-height: 44px;
      }
      summary {
        padding-block: 12px;
      }
    }
  `

  declare boardId: string
  declare token: string
  declare server: string
  /** The board's live map (read when a choice is pressed); null: not known, every choice downloads. */
  declare map: ExportedMap | null
  declare busy: ExportFormat | null
  declare error: string
  /** Why a choice downloaded nothing (a text export of a map without propositions). */
  declare note: string
  private stopPlacing: (() => void) | null = null

  constructor() {
    super()
    this.boardId = ''
    this.token = ''
    this.server = ''
    this.map = null
    this.busy = null
    this.error = ''
    this.note = ''
  }

  /** Escape closes the menu and puts focus back on its button, as a menu button does. */
  private onKeydown(event: KeyboardEvent): void {
    const details = this.renderRoot.querySelector('details')
    if (event.key !== 'Escape' || !details?.open) return
    details.open = false
    this.renderRoot.querySelector('summary')?.focus()
    event.stopPropagation()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.stopPlacing?.()
    this.stopPlacing = null
  }

  private onToggle(event: Event): void {
    const details = event.currentTarget as HTMLDetailsElement
    this.note = ''
    this.stopPlacing?.()
    this.stopPlacing = null
    const summary = details.querySelector('summary')
    const menu = details.querySelector('ul')
    if (details.open && summary && menu) this.stopPlacing = keepInViewport(summary, menu)
  }

  /** Gets a ticket for one format, then follows the download link it opens (once, within a minute). */
  private async download(choice: (typeof EXPORT_CHOICES)[number]): Promise<void> {
    if (this.busy) return
    this.error = ''
    this.note = choice.format === 'txt' ? this.emptyText() : ''
    // An empty file with no word is no answer: the menu says why there is nothing, and stays open.
    if (this.note) return
    this.busy = choice.format
    try {
      const target = { server: this.server, boardId: this.boardId, token: this.token }
      const { ticket } = await boardClient(target).call(LIVE_API.exportTicket, { params: boardParams(target), body: { format: choice.format } })
      const link = document.createElement('a')
      link.href = exportUrl(this.server, this.boardId, choice.format, ticket, choice.query)
      link.download = ''
      link.rel = 'noopener'
      link.hidden = true
      this.renderRoot.appendChild(link)
      link.click()
      link.remove()
      // The choice is made: the menu closes as a menu does (it stayed open over the map before).
      const details = this.renderRoot.querySelector('details')
      if (details?.open) {
        details.open = false
        this.renderRoot.querySelector('summary')?.focus()
      }
    } catch (err) {
      this.error = `The download could not start: ${err instanceof BoardApiError ? err.message : 'try again'}.`
    } finally {
      this.busy = null
    }
  }

  private emptyText(): string {
    const map = this.map
    const note = map && emptyTxtNote({ concepts: [...map.concepts.values()], links: [...map.links.values()] })
    return note ? `${note} The text file would be empty, so nothing was downloaded.` : ''
  }

  protected override render() {
    return html`<details @keydown=${this.onKeydown} @toggle=${this.onToggle}>
      <summary part="button">Export</summary>
      <ul part="menu" aria-label="Export this board as">
        ${EXPORT_CHOICES.map(
          (c) =>
            html`<li>
              <button type="button" aria-busy=${this.busy === c.format ? 'true' : 'false'} @click=${() => void this.download(c)}>${c.label}</button>
            </li>`
        )}
        ${this.error ? html`<li class="error" role="alert">${this.error}</li>` : ''}
        ${this.note ? html`<li class="note" role="alert">${this.note}</li>` : ''}
      </ul>
    </details>`
  }
}

if (!customElements.get('cg-export-menu')) customElements.define('cg-export-menu', CgExportMenu)

declare global {
  interface HTMLElementTagNameMap {
    'cg-export-menu': CgExportMenu
  }
}
