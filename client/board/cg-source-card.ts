import { css, html, LitElement, nothing } from 'lit'
import type { StreamEntry } from '../../shared/stream/stream-doc'
import { shownDate } from './stream-item'

/**
 * The source of the one selected concept, when it came from the stream: its full text, one click
 * away. The host takes no box, so the card places itself on the board's stage.
 */
export class CgSourceCard extends LitElement {
  static override properties = {
    entry: { attribute: false },
    underTools: { type: Boolean, attribute: 'under-tools' }
  }

  static override styles = css`
    :host {
      display: contents;
    }
    .source-card {
      position: absolute;
      top: 12px;
      left: 12px;
      z-index: 3;
      max-width: min(360px, calc(100% - 24px));
      max-height: 40%;
      overflow-y: auto;
      padding: 10px 12px;
      border: 1px solid #0e7490;
      border-inline-start-width: 4px;
      border-radius: 8px;
      background: #fff;
      box-shadow: 0 4px 16px rgb(15 23 42 / 12%);
    }
    /* Under the colour and shape panel, which a writer's selection opens at the stage's top left. */
    .source-card.under-tools {
      top: 72px;
    }
    @media (max-width: 600px) {
      /* There the colour and shape panel sits above the toolbar instead. */
      .source-card.under-tools {
        top: 12px;
      }
    }
    .source-card h2 {
      margin: 0 0 4px;
      font-size: 12px;
      color: #155e75;
      text-transform: uppercase;
      letter-spacing: 0.04em;
    }
    .source-card p {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .source-card .meta {
      margin-top: 6px;
      display: flex;
      flex-wrap: wrap;
      gap: 4px 10px;
      color: #475569;
      font-size: 12px;
    }
    .source-card button {
      border: none;
      background: none;
      padding: 0;
      color: #0e7490;
      font: inherit;
      text-decoration: underline;
      cursor: pointer;
    }
  `

  declare entry: StreamEntry | null
  /** A writer's selection opens the colour and shape panel at the stage's top left: the card goes under it. */
  declare underTools: boolean

  constructor() {
    super()
    this.entry = null
    this.underTools = false
  }

  protected override render() {
    const entry = this.entry
    if (!entry) return nothing
    const date = shownDate(entry.at)
    return html`<aside class="source-card ${this.underTools ? 'under-tools' : ''}" aria-label="Where this concept came from">
      <h2>From the customer voice</h2>
      <p>${entry.text}</p>
      <div class="meta">
        ${entry.author ? html`<span>${entry.author}</span>` : nothing}
        ${entry.source ? html`<span>${entry.source}</span>` : nothing}
        ${date ? html`<span>${date}</span>` : nothing}
        ${entry.url ? html`<a href=${entry.url} target="_blank" rel="noopener noreferrer nofollow">Open</a>` : nothing}
        <button type="button" @click=${this.show}>Show in the list</button>
      </div>
    </aside>`
  }

  private readonly show = (): void => {
    const id = this.entry?.id
    if (id) this.dispatchEvent(new CustomEvent('cg-stream-show', { detail: id, bubbles: true, composed: true }))
  }
}

if (!customElements.get('cg-source-card')) customElements.define('cg-source-card', CgSourceCard)

declare global {
  interface HTMLElementTagNameMap {
    'cg-source-card': CgSourceCard
  }
}
