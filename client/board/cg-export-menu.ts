import { css, html, LitElement } from 'lit'
import type { ExportFormat } from '../../shared/exchange/index'
import { keepInViewport } from './popup-placement'

/**
 * The board's Export menu: plain download links to GET /api/boards/:id/export, one per format.
 * Links rather than fetch-and-save, so the browser downloads (the server sends
 * Content-Disposition: attachment) and each one can be copied or opened elsewhere; the token rides
 * in `?token=` because a link cannot carry an Authorization header. The list opens next to the
 * button, inside the viewport (above it at the bottom of the screen, moved in from the right edge).
 */

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

/** The download URL of one export; `server` is the API's origin, empty for this page's own. */
export function exportUrl(server: string, boardId: string, format: ExportFormat, token: string, query = ''): string {
  const params = new URLSearchParams({ format })
  for (const [k, v] of new URLSearchParams(query)) params.set(k, v)
  if (token) params.set('token', token)
  return `${server.replace(/\/+$/, '')}/api/boards/${encodeURIComponent(boardId)}/export?${params}`
}

export class CgExportMenu extends LitElement {
  static override properties = {
    boardId: { type: String, attribute: 'board-id' },
    token: { attribute: false },
    server: { type: String }
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
    a {
      display: block;
      padding: 8px 10px;
      border-radius: 6px;
      color: inherit;
      text-decoration: none;
    }
    a:hover {
      background: #f1f5f9;
    }
    summary:focus-visible,
    a:focus-visible {
      outline: 3px solid #2563eb;
      outline-offset: 2px;
    }
  `

  declare boardId: string
  declare token: string
  declare server: string
  private stopPlacing: (() => void) | null = null

  constructor() {
    super()
    this.boardId = ''
    this.token = ''
    this.server = ''
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
    this.stopPlacing?.()
    this.stopPlacing = null
    const summary = details.querySelector('summary')
    const menu = details.querySelector('ul')
    if (details.open && summary && menu) this.stopPlacing = keepInViewport(summary, menu)
  }

  protected override render() {
    return html`<details @keydown=${this.onKeydown} @toggle=${this.onToggle}>
      <summary part="button">Export</summary>
      <ul part="menu" aria-label="Export this board as">
        ${EXPORT_CHOICES.map(
          (c) => html`<li><a href=${exportUrl(this.server, this.boardId, c.format, this.token, c.query)} download>${c.label}</a></li>`
        )}
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
