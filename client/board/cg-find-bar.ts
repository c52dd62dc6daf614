import { css, html, LitElement } from 'lit'

/**
 * Find on the map (Ctrl/⌘ F): a search field with "n of m" and previous/next. It only asks; the
 * canvas searches the labels and flies to each match, so the bar stays a plain control.
 */
export class CgFindBar extends LitElement {
  static override properties = {
    count: { type: Number },
    index: { type: Number }
  }

  static override styles = css`
    :host {
      position: absolute;
      top: 10px;
      right: 10px;
      z-index: 6;
      display: flex;
      align-items: center;
      gap: 4px;
      padding: 6px;
      border-radius: 10px;
      background: #fff;
      box-shadow: 0 2px 10px rgb(15 23 42 / 0.18);
      font: 14px/1.3 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
      max-width: calc(100% - 20px);
      box-sizing: border-box;
    }
    input {
      min-width: 0;
      width: 180px;
      flex: 1 1 auto;
      font: inherit;
      padding: 6px 8px;
      border: 1px solid #94a3b8;
      border-radius: 6px;
    }
    /* The field gives way, not the status: squeezed (a phone, beside the live view at 720 px) "No
       matches" broke onto two lines and made the bar taller than its buttons. */
    .count {
      flex: none;
      white-space: nowrap;
      min-width: 4.5em;
      color: #475569;
      text-align: center;
      font-size: 13px;
    }
    button {
      min-width: 36px;
      min-height: 36px;
      border: none;
      border-radius: 6px;
      background: #f1f5f9;
      font: inherit;
      cursor: pointer;
    }
    button:focus-visible,
    input:focus-visible {
      outline: 2px solid #2563eb;
      outline-offset: 1px;
    }
    @media (pointer: coarse) {
      button {
        min-width: 44px;
        min-height: 44px;
      }
      input {
        box-sizing: border-box;
        min-height: 44px;
      }
    }
  `

  declare count: number
  declare index: number

  constructor() {
    super()
    this.count = 0
    this.index = -1
  }

  override focus(): void {
    const input = this.renderRoot.querySelector('input')
    input?.focus()
    input?.select()
  }

  private emit(type: string, detail: unknown = null): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }))
  }

  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Enter') this.emit('cg-find-step', e.shiftKey ? -1 : 1)
    else if (e.key === 'Escape') this.emit('cg-find-close')
    else return
    e.preventDefault()
    e.stopPropagation()
  }

  /** Nothing typed yet (or all of it deleted): there is nothing to have no matches for. */
  private empty = true

  private readonly onInput = (e: Event): void => {
    const query = (e.target as HTMLInputElement).value
    this.empty = query.trim() === ''
    this.requestUpdate()
    this.emit('cg-find-input', query)
  }

  protected override render() {
    const status = this.empty ? '' : this.count === 0 ? 'No matches' : `${this.index + 1} of ${this.count}`
    return html`<input
        type="search"
        aria-label="Find on the map"
        placeholder="Find on the map"
        @input=${this.onInput}
        @keydown=${this.onKey}
      /><span class="count" role="status">${status}</span
      ><button type="button" aria-label="Previous match" @click=${() => this.emit('cg-find-step', -1)}>↑</button
      ><button type="button" aria-label="Next match" @click=${() => this.emit('cg-find-step', 1)}>↓</button
      ><button type="button" aria-label="Close find" @click=${() => this.emit('cg-find-close')}>✕</button>`
  }
}

if (!customElements.get('cg-find-bar')) customElements.define('cg-find-bar', CgFindBar)

declare global {
  interface HTMLElementTagNameMap {
    'cg-find-bar': CgFindBar
  }
}
