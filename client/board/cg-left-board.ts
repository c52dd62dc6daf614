import { css, html, LitElement, nothing } from 'lit'

/**
 * What the board shows after Leave: that the person has left, and a way back. The map is gone from
 * the page, so nothing looks live or clickable.
 */
export class CgLeftBoard extends LitElement {
  static override properties = {
    boardTitle: { attribute: false },
    /** About the pulse (e.g. answers given earlier are kept), or null. */
    note: { attribute: false }
  }

  static override styles = css`
    :host {
      display: block;
      max-width: 32rem;
      margin: 12vh auto 0;
      padding: 0 20px;
      text-align: center;
    }
    h1 {
      font-size: 22px;
    }
    button {
      margin-top: 8px;
      padding: 8px 16px;
      border: 1px solid #1d4ed8;
      border-radius: 8px;
      background: #1d4ed8;
      color: #fff;
      font: inherit;
      cursor: pointer;
    }
    h1:focus {
      outline: none;
    }
    button:focus-visible {
      outline: 3px solid #2563eb;
      outline-offset: 2px;
    }
  `

  declare boardTitle: string
  declare note: string | null

  constructor() {
    super()
    this.boardTitle = ''
    this.note = null
  }

  protected override firstUpdated(): void {
    // Where a screen reader is taken: the board it was on has just gone.
    this.renderRoot.querySelector('h1')?.focus()
  }

  protected override render() {
    return html`<section aria-labelledby="left-title">
      <h1 id="left-title" tabindex="-1">You have left this board</h1>
      <p>${this.boardTitle ? html`“${this.boardTitle}”: ` : nothing}your work stays on the map. You can come back while your invite is valid.</p>
      ${this.note ? html`<p>${this.note}</p>` : nothing}
      <button type="button" @click=${this.rejoin}>Rejoin the board</button>
    </section>`
  }

  private readonly rejoin = (): void => {
    this.dispatchEvent(new CustomEvent('cg-rejoin', { bubbles: true, composed: true }))
  }
}

if (!customElements.get('cg-left-board')) customElements.define('cg-left-board', CgLeftBoard)

declare global {
  interface HTMLElementTagNameMap {
    'cg-left-board': CgLeftBoard
  }
}
