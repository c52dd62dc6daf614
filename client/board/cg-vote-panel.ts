import { css, html, LitElement, nothing } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import type { Concept } from '../../shared/schema/board-map'
import type { LiveVoteRound } from '../../shared/sync/board-events'
import type { VoteTotals } from '../controllers/vote-controller'
import { ROLE_COLORS } from '../model/roles-ui'

/**
 * The dot vote on the board. While a round is open, a brand or customer participant sees how many
 * dots they have left and places them: by clicking concepts on the map in voting mode, or with the
 * − and + buttons of the list here (the keyboard and screen-reader way). A facilitator sees that the
 * round runs. Once it closes, everyone sees the totals per concept by side.
 */
export class CgVotePanel extends LitElement {
  static override properties = {
    round: { attribute: false },
    dots: { attribute: false },
    totals: { attribute: false },
    concepts: { attribute: false },
    canVote: { attribute: false },
    voting: { attribute: false },
    busy: { attribute: false },
    error: { attribute: false },
    voters: { attribute: false },
    folded: { state: true }
  }

  static override styles = css`
    :host {
      display: block;
      box-sizing: border-box;
      width: min(22rem, calc(100vw - 24px));
      max-height: 100%;
      overflow-y: auto;
      padding: 10px 12px;
      background: #fff;
      border: 1px solid #c4b5fd;
      border-radius: 10px;
      box-shadow: 0 8px 24px rgb(15 23 42 / 0.14);
      font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
      color: #0f172a;
    }
    :host([hidden]) {
      display: none;
    }
    h2 {
      margin: 0 0 4px;
      font-size: 15px;
    }
    p {
      margin: 0 0 6px;
    }
    .left {
      font-weight: 600;
      color: #5b21b6;
    }
    .muted {
      color: #475569;
      font-size: 13px;
    }
    .error {
      color: #b91c1c;
    }
    ul {
      margin: 6px 0 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: grid;
      grid-template-columns: 1fr auto;
      align-items: center;
      gap: 6px;
      padding: 3px 0;
      border-top: 1px solid #f1f5f9;
    }
    .label {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .controls {
      display: inline-flex;
      align-items: center;
      gap: 4px;
    }
    .dots {
      min-width: 3.2em;
      color: #6d28d9;
      letter-spacing: 1px;
      text-align: center;
    }
    .dots.none {
      color: #64748b;
    }
    button {
      min-width: 32px;
      min-height: 32px;
      padding: 2px 10px;
      border: 1px solid #64748b;
      border-radius: 8px;
      background: #fff;
      font: inherit;
      cursor: pointer;
    }
    button[aria-disabled='true'] {
      color: #94a3b8;
      border-color: #cbd5e1;
      cursor: default;
    }
    button[aria-pressed='true'] {
      background: #6d28d9;
      border-color: #6d28d9;
      color: #fff;
    }
    button:focus-visible {
      outline: 3px solid #2563eb;
      outline-offset: 2px;
    }
    /* On a touch screen every button is 44 × 44 px (32 px tall before, − and + 34 px wide). */
    @media (pointer: coarse) {
      button {
        min-width: 44px;
        min-height: 44px;
      }
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px;
    }
    .total {
      display: flex;
      height: 12px;
      width: 8rem;
      border-radius: 6px;
      background: #f1f5f9;
      overflow: hidden;
    }
    .total span {
      display: block;
      height: 100%;
    }
  `

  declare round: LiveVoteRound | null
  declare dots: Record<string, number>
  declare totals: VoteTotals | null
  declare concepts: ReadonlyMap<string, Concept>
  declare canVote: boolean
  declare voting: boolean
  declare busy: boolean
  declare error: string
  declare voters: number
  /** The list of concepts hidden: on a phone the whole panel sat over the concepts it says to tap. */
  declare folded: boolean

  constructor() {
    super()
    this.round = null
    this.dots = {}
    this.totals = null
    this.concepts = new Map()
    this.canVote = false
    this.voting = false
    this.busy = false
    this.error = ''
    this.voters = 0
    this.folded = typeof matchMedia === 'function' && matchMedia('(max-width: 600px)').matches
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.setAttribute('role', 'region')
    this.setAttribute('aria-label', 'Dot vote')
  }

  protected override render() {
    const r = this.round
    if (!r) return nothing
    return r.open ? this.openRound(r) : this.results(r)
  }

  private openRound(r: LiveVoteRound) {
    if (!this.canVote) {
      return html`<h2>Dot vote open: ${r.name}</h2>
        <p class="muted">${r.dots} dot${r.dots === 1 ? '' : 's'} each for brand and customer participants. Close the vote from your controls to show the totals.</p>`
    }
    const placed = Object.values(this.dots).reduce((s, n) => s + n, 0)
    const left = Math.max(0, r.dots - placed)
    const label = (id: string) => this.concepts.get(id)?.label || 'Untitled concept'
    // A fixed order (by label) and rows keyed by concept: a keyboard user's focus stays on the
    // concept they are giving dots to, never moving to another row as the dots change.
    const ids = [...this.concepts.keys()].sort((a, b) => label(a).localeCompare(label(b)) || a.localeCompare(b))
    const touch = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches
    const onMap = touch ? 'Tap a concept to place a dot; − in the list takes one back.' : 'Click or tap a concept to place a dot; Shift-click takes one back.'
    return html`<div class="row">
        <h2 style="flex:1">Dot vote: ${r.name}</h2>
        <button type="button" aria-expanded=${String(!this.folded)} @click=${() => (this.folded = !this.folded)}>${this.folded ? 'Show list' : 'Hide list'}</button>
      </div>
      <p class="left" role="status" aria-live="polite">${left} of ${r.dots} dot${r.dots === 1 ? '' : 's'} left</p>
      <div class="row">
        <button type="button" aria-pressed=${String(this.voting)} @click=${() => this.emit('cg-vote-mode', !this.voting)}>
          ${this.voting ? 'Voting on the map: on' : 'Vote on the map'}
        </button>
      </div>
      ${this.folded && !this.voting ? nothing : html`<p class="muted">${this.voting ? onMap : 'Or use − and + below.'}</p>`}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.folded ? nothing : this.list(ids, left, label)}`
  }

  private list(ids: string[], left: number, label: (id: string) => string) {
    // aria-disabled rather than disabled: a disabled button drops the keyboard focus. Changes are
    // queued one at a time by the controller, which also says (aloud) when no dots are left.
    const change = (id: string, delta: 1 | -1) => () => this.emit('cg-vote-change', { id, delta })
    return html`<ul aria-label="Concepts and your dots" aria-busy=${String(this.busy)}>
        ${repeat(
          ids,
          (id) => id,
          (id) => {
            const n = this.dots[id] ?? 0
            return html`<li data-vote-concept=${id}>
              <span class="label">${label(id)}</span>
              <span class="controls">
                <button type="button" aria-label=${`Take a dot back from ${label(id)}`} aria-disabled=${String(n === 0)}
                  @click=${() => n > 0 && change(id, -1)()}>−</button>
                <span class="dots ${n ? '' : 'none'}" aria-label=${`${n} dot${n === 1 ? '' : 's'}`}>${n ? '●'.repeat(n) : '0'}</span>
                <button type="button" aria-label=${`Put a dot on ${label(id)}`} aria-disabled=${String(left === 0)}
                  @click=${change(id, 1)}>+</button>
              </span>
            </li>`
          }
        )}
      </ul>`
  }

  private results(r: LiveVoteRound) {
    const totals = this.totals
    if (!totals) return html`<h2>Dot vote closed: ${r.name}</h2><p class="muted">Loading the totals…</p>`
    const rows = Object.entries(totals)
      .map(([id, t]) => ({ id, label: this.concepts.get(id)?.label || 'A concept since removed', ...t }))
      .filter((x) => x.B + x.U > 0)
      .sort((a, b) => b.B + b.U - (a.B + a.U) || a.label.localeCompare(b.label))
    const most = Math.max(1, ...rows.map((x) => x.B + x.U))
    return html`<div class="row"><h2 style="flex:1">Results: ${r.name}</h2><button type="button" @click=${() => this.emit('cg-vote-dismiss', r.id)}>Close</button></div>
      <p class="muted">
        <span style="color:${ROLE_COLORS.brand}">■</span> brand dots · <span style="color:${ROLE_COLORS.customer}">■</span> customer dots
      </p>
      ${rows.length === 0 ? html`<p class="muted">Nobody placed a dot.</p>` : nothing}
      <ul aria-label="Dots per concept">
        ${rows.map(
          (x) => html`<li data-result=${x.id}>
            <span class="label">${x.label}</span>
            <span class="controls">
              <span class="total" role="img" aria-label=${`${x.label}: ${x.B} brand dots, ${x.U} customer dots`}>
                <span style="width:${(100 * x.B) / most}%;background:${ROLE_COLORS.brand}"></span>
                <span style="width:${(100 * x.U) / most}%;background:${ROLE_COLORS.customer}"></span>
              </span>
              <span class="dots" data-total>${x.B} + ${x.U}</span>
            </span>
          </li>`
        )}
      </ul>`
  }

  private emit(name: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }))
  }
}

if (!customElements.get('cg-vote-panel')) customElements.define('cg-vote-panel', CgVotePanel)

declare global {
  interface HTMLElementTagNameMap {
    'cg-vote-panel': CgVotePanel
  }
}
