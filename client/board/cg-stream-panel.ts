import { css, html, LitElement, nothing } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import type { StreamEntry } from '../../shared/stream/stream-doc'
import { EXCHANGE_API } from '../../shared/api/routes/exchange-routes'
import { FileBody } from '../api/api-client'
import { BoardApiError, boardClient, boardParams, type BoardTarget } from './board-api'
import { shownDate, STREAM_DRAG_TYPE } from './stream-item'

/**
 * The stream beside the map: what customers already said, newest first, with search and filters
 * by source and author. An item becomes a concept by dragging it onto the map, by its "Add to map"
 * button (the way on touch screens), or by Enter or A on the focused item. An item already on the
 * map offers Show instead (the same keys), which finds its concepts there: Add made a duplicate.
 * Dragging it still adds it again, a deliberate gesture. Events (detail: the item id):
 * `cg-stream-take`, `cg-stream-locate`; and `cg-stream-close`.
 */
export class CgStreamPanel extends LitElement {
  static override properties = {
    entries: { attribute: false },
    used: { attribute: false },
    readOnly: { type: Boolean },
    highlight: {},
    target: { attribute: false },
    loading: { state: true },
    loadMessage: { state: true },
    query: { state: true },
    source: { state: true },
    author: { state: true }
  }

  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      min-height: 0;
      background: #fff;
      border-inline-start: 1px solid #cbd5e1;
      box-shadow: -4px 0 16px rgb(15 23 42 / 8%);
      color: #0f172a;
      font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    }
    header {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 10px 12px 6px;
    }
    h2 {
      flex: 1;
      margin: 0;
      font-size: 15px;
    }
    .close {
      min-width: 44px;
      min-height: 44px;
      border: none;
      background: none;
      font-size: 20px;
      cursor: pointer;
      color: #334155;
    }
    .hint {
      margin: 0 12px 6px;
      color: #475569;
      font-size: 12px;
    }
    .filters {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 6px;
      padding: 0 12px 8px;
      border-bottom: 1px solid #e2e8f0;
    }
    .filters input {
      grid-column: 1 / -1;
    }
    input,
    select {
      min-height: 36px;
      padding: 4px 8px;
      border: 1px solid #94a3b8;
      border-radius: 6px;
      font: inherit;
      background: #fff;
      color: inherit;
      min-width: 0;
    }
    ul {
      flex: 1;
      min-height: 0;
      overflow-y: auto;
      margin: 0;
      padding: 8px 12px 12px;
      list-style: none;
    }
    li {
      margin: 0 0 8px;
      padding: 8px 10px;
      border: 1px solid #cbd5e1;
      border-inline-start: 4px solid #0e7490;
      border-radius: 8px;
      background: #f8fafc;
      cursor: grab;
    }
    li:focus-visible {
      outline: 3px solid #2563eb;
      outline-offset: 2px;
    }
    li.used {
      border-inline-start-color: #94a3b8;
    }
    li.highlight {
      background: #ecfeff;
      border-color: #0e7490;
    }
    .text {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 10px;
      margin-top: 6px;
      color: #475569;
      font-size: 12px;
    }
    .meta a {
      color: #0e7490;
    }
    .on-map {
      color: #15803d;
      font-weight: 600;
    }
    .add,
    .show {
      margin-inline-start: auto;
      min-height: 36px;
      padding: 4px 12px;
      border: 1px solid #0e7490;
      border-radius: 8px;
      background: #0e7490;
      color: #fff;
      font: inherit;
      cursor: pointer;
    }
    .show {
      background: #fff;
      color: #0e7490;
    }
    .load {
      padding: 0 12px 8px;
    }
    .file {
      position: relative;
      display: flex;
      align-items: center;
      gap: 8px;
      min-height: 40px;
      padding: 4px 10px;
      border: 1px dashed #0e7490;
      border-radius: 8px;
      color: #0e7490;
      cursor: pointer;
    }
    /* The whole dashed box is the button: the browser's own picker, squeezed beside the words, read
       "Choose File N…". The input stays focusable (the box shows its focus) and named by the label. */
    .file input {
      position: absolute;
      width: 1px;
      height: 1px;
      opacity: 0;
      overflow: hidden;
    }
    .file:focus-within {
      outline: 3px solid #2563eb;
      outline-offset: 2px;
    }
    .load-result {
      margin: 6px 0 0;
      font-size: 12px;
      color: #166534;
    }
    .load-result.error {
      color: #991b1b;
    }
    .empty {
      padding: 16px 12px;
      color: #475569;
    }
    @media (pointer: coarse) {
      .add,
      .show {
        min-height: 44px;
        padding: 8px 16px;
      }
    }
  `

  declare entries: readonly StreamEntry[]
  declare used: ReadonlySet<string>
  declare readOnly: boolean
  declare highlight: string | null
  /** The facilitator's API target: set, the panel offers to load a file into the stream. */
  declare target: BoardTarget | null
  declare loading: boolean
  declare loadMessage: { text: string; error: boolean } | null
  declare query: string
  declare source: string
  declare author: string

  constructor() {
    super()
    this.entries = []
    this.used = new Set()
    this.readOnly = false
    this.highlight = null
    this.target = null
    this.loading = false
    this.loadMessage = null
    this.query = ''
    this.source = ''
    this.author = ''
  }

  /** The entries the search and filters let through. */
  get shown(): StreamEntry[] {
    const q = this.query.trim().toLowerCase()
    return this.entries.filter(
      (e) =>
        (!this.source || e.source === this.source) &&
        (!this.author || e.author === this.author) &&
        (!q || e.text.toLowerCase().includes(q) || (e.author ?? '').toLowerCase().includes(q) || (e.source ?? '').toLowerCase().includes(q))
    )
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('highlight') && this.highlight) {
      this.renderRoot.querySelector(`li[data-id="${CSS.escape(this.highlight)}"]`)?.scrollIntoView({ block: 'nearest' })
    }
  }

  protected override render() {
    const sources = distinct(this.entries.map((e) => e.source))
    const authors = distinct(this.entries.map((e) => e.author))
    const shown = this.shown
    return html`<header>
        <h2 id="stream-title">Customer voice <span aria-label="${this.entries.length} items">(${this.entries.length})</span></h2>
        <button class="close" type="button" aria-label="Close the customer voice" title="Close" @click=${this.close}>×</button>
      </header>
      ${this.target ? this.loader() : nothing}
      ${this.readOnly
        ? nothing
        : html`<p class="hint">Drag an item onto the map, or press Add (Enter on a focused item), to make it a concept. One already on the map offers Show (drag it to add it again).</p>`}
      <div class="filters">
        <input type="search" placeholder="Search what customers said" aria-label="Search the customer voice" .value=${this.query}
          @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} />
        <select aria-label="Filter by source" @change=${(e: Event) => (this.source = (e.target as HTMLSelectElement).value)}>
          <option value="" .selected=${this.source === ''}>All sources</option>
          ${sources.map((s) => html`<option value=${s} .selected=${s === this.source}>${s}</option>`)}
        </select>
        <select aria-label="Filter by author" @change=${(e: Event) => (this.author = (e.target as HTMLSelectElement).value)}>
          <option value="" .selected=${this.author === ''}>All authors</option>
          ${authors.map((a) => html`<option value=${a} .selected=${a === this.author}>${a}</option>`)}
        </select>
      </div>
      ${shown.length === 0
        ? html`<p class="empty">${this.entries.length === 0 ? 'Nothing loaded yet. The facilitator loads what customers said (reviews, posts, survey answers) from a file.' : 'No item matches.'}</p>`
        : html`<ul aria-labelledby="stream-title">
            ${repeat(shown, (e) => e.id, (e) => this.item(e))}
          </ul>`}`
  }

  private item(e: StreamEntry) {
    const used = this.used.has(e.id)
    const date = shownDate(e.at)
    return html`<li
      data-id=${e.id}
      class=${[used ? 'used' : '', this.highlight === e.id ? 'highlight' : ''].join(' ').trim()}
      tabindex="0"
      draggable=${this.readOnly ? 'false' : 'true'}
      aria-label=${`${e.text}${e.author ? `, by ${e.author}` : ''}${e.source ? `, ${e.source}` : ''}${used ? ', on the map' : ''}`}
      @dragstart=${(ev: DragEvent) => this.dragStart(ev, e)}
      @keydown=${(ev: KeyboardEvent) => this.key(ev, e)}
    >
      <p class="text">${e.text}</p>
      <div class="meta">
        ${e.author ? html`<span>${e.author}</span>` : nothing}
        ${e.source ? html`<span>${e.source}</span>` : nothing}
        ${date ? html`<time datetime=${e.at!}>${date}</time>` : nothing}
        ${e.url ? html`<a href=${e.url} target="_blank" rel="noopener noreferrer nofollow">Open</a>` : nothing}
        ${used ? html`<span class="on-map">On the map</span>` : nothing}
        ${used
          ? html`<button class="show" type="button" aria-label=${`Show on the map: ${e.text.slice(0, 60)}`} @click=${() => this.locate(e.id)}>Show</button>`
          : this.readOnly ? nothing : html`<button class="add" type="button" aria-label=${`Add to map: ${e.text.slice(0, 60)}`} @click=${() => this.take(e.id)}>Add</button>`}
      </div>
    </li>`
  }

  private loader() {
    return html`<div class="load">
      <label class="file">
        <input type="file" accept=".csv,.jsonl,.ndjson,.json,.txt,.xml,.rss,.atom,text/csv,text/plain,application/rss+xml,application/atom+xml"
          ?disabled=${this.loading} @change=${this.onFile} />
        <span>${this.loading ? 'Loading…' : 'Load a file (CSV, JSON Lines, text, RSS or Atom)'}</span>
      </label>
      ${this.loadMessage
        ? html`<p class=${this.loadMessage.error ? 'load-result error' : 'load-result'} role=${this.loadMessage.error ? 'alert' : 'status'}>${this.loadMessage.text}</p>`
        : nothing}
    </div>`
  }

  private readonly onFile = async (ev: Event): Promise<void> => {
    const input = ev.target as HTMLInputElement
    const file = input.files?.[0]
    if (!file || !this.target) return
    const format = formatOf(file.name)
    this.loading = true
    this.loadMessage = null
    try {
      const t = this.target
      const data = await boardClient(t).call(EXCHANGE_API.uploadStream, {
        params: boardParams(t),
        query: { format },
        body: new FileBody(file, 'application/octet-stream')
      })
      this.loadMessage = {
        text: `Added ${data.added} item${data.added === 1 ? '' : 's'}${data.skipped ? `, skipped ${data.skipped} (already there or without text)` : ''}. ${data.total} in all.`,
        error: false
      }
    } catch (err) {
      this.loadMessage =
        err instanceof BoardApiError && err.status !== 0
          ? { text: `${file.name} was not loaded: ${err.message}. Nothing was added.`, error: true }
          : { text: 'The server cannot be reached: nothing was added.', error: true }
    } finally {
      this.loading = false
      input.value = ''
    }
  }

  private dragStart(ev: DragEvent, e: StreamEntry): void {
    if (this.readOnly || !ev.dataTransfer) return ev.preventDefault()
    ev.dataTransfer.setData(STREAM_DRAG_TYPE, e.id)
    ev.dataTransfer.setData('text/plain', e.text)
    ev.dataTransfer.effectAllowed = 'copy'
  }

  /** Enter (or A) does what the item's button does: Add, or Show for an item on the map. */
  private key(ev: KeyboardEvent, e: StreamEntry): void {
    const used = this.used.has(e.id)
    if (ev.target !== ev.currentTarget || (this.readOnly && !used)) return
    if (ev.key === 'Enter' || ev.key === 'a' || ev.key === 'A') {
      ev.preventDefault()
      ev.stopPropagation()
      if (used) this.locate(e.id)
      else this.take(e.id)
    }
  }

  private take(id: string): void {
    this.dispatchEvent(new CustomEvent('cg-stream-take', { detail: id, bubbles: true, composed: true }))
  }

  private locate(id: string): void {
    this.dispatchEvent(new CustomEvent('cg-stream-locate', { detail: id, bubbles: true, composed: true }))
  }

  private close(): void {
    this.dispatchEvent(new CustomEvent('cg-stream-close', { bubbles: true, composed: true }))
  }
}

/** The upload format from a file's extension (the server checks the content either way). */
export function formatOf(name: string): 'csv' | 'jsonl' | 'txt' | 'rss' {
  const ext = name.toLowerCase().split('.').pop() ?? ''
  if (ext === 'csv') return 'csv'
  if (ext === 'jsonl' || ext === 'ndjson' || ext === 'json') return 'jsonl'
  if (ext === 'xml' || ext === 'rss' || ext === 'atom') return 'rss'
  return 'txt'
}

function distinct(values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => Boolean(v)))].sort((a, b) => a.localeCompare(b))
}

if (!customElements.get('cg-stream-panel')) customElements.define('cg-stream-panel', CgStreamPanel)

declare global {
  interface HTMLElementTagNameMap {
    'cg-stream-panel': CgStreamPanel
  }
}
