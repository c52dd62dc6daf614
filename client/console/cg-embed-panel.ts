import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { ROLE_LABELS } from '../model/roles-ui'
import type { BoardView } from '../../shared/api/boards'
import { type ConsoleApi, failureMessage } from './console-api'
import { consoleStyles } from './console-styles'
import './cg-copy-button'

type EmbedMode = 'view' | 'customer' | 'brand'

interface Snippets {
  mode: EmbedMode
  script: string
  iframe: string
  oembed: string
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The board's embed allow-list (origins), and the snippets a partner pastes into their page. */
export class CgEmbedPanel extends LitElement {
  static override properties = {
    api: { attribute: false },
    board: { attribute: false },
    mode: { state: true },
    snippets: { state: true },
    error: { state: true },
    saved: { state: true },
    busy: { state: true }
  }

  static override styles = [
    consoleStyles,
    css`
      :host {
        display: block;
      }
      textarea.snippet {
        word-break: break-all;
        font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        font-size: 12px;
        background: #f8fafc;
      }
      .choice {
        display: flex;
        align-items: center;
        gap: 6px;
        margin: 2px 0;
        font-weight: 400;
        font-size: 14px;
      }
      .choice input {
        width: auto;
      }
      fieldset {
        border: 0;
        margin: 12px 0 0;
        padding: 0;
      }
      legend {
        font-weight: 600;
        font-size: 13px;
        margin-bottom: 4px;
      }
      .snippet-head {
        display: flex;
        justify-content: space-between;
        align-items: end;
        gap: 8px;
      }
    `
  ]

  declare api: ConsoleApi | null
  declare board: BoardView | null
  declare mode: EmbedMode
  declare snippets: Snippets | null
  declare error: string
  declare saved: boolean
  declare busy: boolean

  constructor() {
    super()
    this.api = null
    this.board = null
    this.mode = 'view'
    this.snippets = null
    this.error = ''
    this.saved = false
    this.busy = false
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get('board') as BoardView | null | undefined
    if (changed.has('board') && before?.id !== this.board?.id) {
      this.snippets = null
      this.error = ''
      this.saved = false
    }
  }

  protected override render() {
    const b = this.board
    if (!b) return nothing
    return html`<section class="card" aria-labelledby="embed-title">
      <h2 id="embed-title">Embed in partner sites</h2>
      <form @submit=${this.onSaveOrigins}>
        <label for="origins">Allowed origins, one per line</label>
        <textarea id="origins" name="origins" rows="3" spellcheck="false" placeholder="https://partner.example" .value=${b.allowedOrigins.join('\n')}></textarea>
        <p class="muted small spaced">
          Exactly <code>scheme://host[:port]</code>, e.g. <code>https://www.partner.example</code>. Only these sites can show the board (in a frame or with the script); any other site gets a message saying it cannot.
        </p>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this.busy}>Save allow-list</button>
          ${this.saved ? html`<span class="muted" role="status">Saved.</span>` : nothing}
        </div>
      </form>
      <form @submit=${this.onSnippet}>
        <fieldset>
          <legend>What may embedded visitors do?</legend>
          ${(['view', 'customer', 'brand'] as const).map(
            (m) => html`<label class="choice"
              ><input type="radio" name="mode" value=${m} .checked=${this.mode === m} @change=${() => (this.mode = m)} />
              ${m === 'view' ? 'Watch only (view-only embed)' : `Take part as ${ROLE_LABELS[m].toLowerCase()}s: each visitor enters a name`}</label
            >`
          )}
        </fieldset>
        <div class="actions">
          <button type="submit" ?disabled=${this.busy || b.archived}>Create embed snippet</button>
        </div>
      </form>
      ${b.allowedOrigins.length === 0 && this.snippets
        ? html`<p class="notice spaced">No origin is allowed yet: partner pages are refused until you add theirs above.</p>`
        : nothing}
      ${this.snippets ? this.renderSnippets(this.snippets) : nothing}
    </section>`
  }

  private renderSnippets(s: Snippets) {
    const block = (id: string, title: string, text: string, rows: number, copy: string) => html`<div class="snippet-head">
        <label for=${id}>${title}</label>
        <cg-copy-button .text=${text} label=${copy}></cg-copy-button>
      </div>
      <textarea id=${id} class="snippet" readonly rows=${rows} .value=${text}></textarea>`
    return html`<div class="spaced">
      ${block('snippet-script', 'Script snippet', s.script, 4, 'Copy script snippet')}
      ${block('snippet-iframe', 'Iframe snippet', s.iframe, 3, 'Copy iframe snippet')}
      ${block('snippet-oembed', 'oEmbed URL (for a CMS)', s.oembed, 2, 'Copy oEmbed URL')}
      <p class="muted small spaced">
        ${s.mode === 'view'
          ? 'Visitors of the partner page watch the board live and change nothing.'
          : 'Each visitor of the partner page gives a name when they start, and edits as that person.'}
        The snippet holds an invite: revoke it under Invites to switch the embed off.
      </p>
    </div>`
  }

  private async onSaveOrigins(e: SubmitEvent): Promise<void> {
    e.preventDefault()
    if (!this.api || !this.board) return
    const text = String(new FormData(e.target as HTMLFormElement).get('origins') ?? '')
    const allowedOrigins = text
      .split(/[\s,]+/)
      .map((s) => s.trim().replace(/\/+$/, ''))
      .filter(Boolean)
    this.busy = true
    this.error = ''
    this.saved = false
    try {
      const board = await this.api.patchBoard(this.board.id, { allowedOrigins })
      this.saved = true
      this.dispatchEvent(new CustomEvent('cg-board-changed', { detail: board, bubbles: true, composed: true }))
    } catch (err) {
      this.fail(err)
    } finally {
      this.busy = false
    }
  }

  private async onSnippet(e: SubmitEvent): Promise<void> {
    e.preventDefault()
    const api = this.api
    const b = this.board
    if (!api || !b) return
    this.busy = true
    this.error = ''
    try {
      const mode = this.mode
      const issued =
        mode === 'view'
          ? await api.invite(b.id, { role: 'viewer', name: 'Embedded view', ttlSeconds: 366 * 24 * 3600 })
          : await api.invite(b.id, { role: mode, group: true, label: `Embedded board (${ROLE_LABELS[mode].toLowerCase()}s)`, ttlSeconds: 366 * 24 * 3600 })
      const base = new URL(b.url).origin
      const title = escapeAttr(`Common Ground: ${b.title}`)
      const token = escapeAttr(issued.token)
      const iframeSrc = escapeAttr(`${base}/embed/${b.id}?token=${encodeURIComponent(issued.token)}`)
      this.snippets = {
        mode,
        script:
          `<script type="module" src="${base}/embed.js"></script>\n` +
          `<cg-board board-id="${b.id}" token="${token}" server="${base}" style="display:block;height:600px"></cg-board>`,
        iframe: `<iframe src="${iframeSrc}" width="800" height="600" style="border:0;max-width:100%" title="${title}"></iframe>`,
        oembed: `${base}/oembed?format=json&url=${encodeURIComponent(`${base}/b/${b.id}?token=${issued.token}`)}`
      }
      document.dispatchEvent(new CustomEvent('cg-people-changed'))
    } catch (err) {
      this.fail(err)
    } finally {
      this.busy = false
    }
  }

  private fail(err: unknown): void {
    const message = failureMessage(this, err)
    if (message !== null) this.error = message
  }
}

if (!customElements.get('cg-embed-panel')) customElements.define('cg-embed-panel', CgEmbedPanel)

declare global {
  interface HTMLElementTagNameMap {
    'cg-embed-panel': CgEmbedPanel
  }
}
