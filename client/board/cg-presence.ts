import { css, html, LitElement, nothing } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import type { Role } from '../../shared/roles'
import type { Peer } from '../controllers/awareness-controller'
import { ROLE_COLORS, ROLE_LABELS } from '../model/roles-ui'

export interface Person {
  key: string
  name: string
  role: Role
  color: string
  self: boolean
  /** This participant's view is being followed here. */
  following?: boolean
}

/** This participant first (once they have a name), then the others; `followed` is whose view is followed here. */
export function peopleShown(self: { name: string; role: Role } | null, peers: readonly Peer[], followed: number | undefined): Person[] {
  const people: Person[] = self ? [{ key: 'self', name: self.name, role: self.role, color: ROLE_COLORS[self.role], self: true }] : []
  for (const p of peers) {
    people.push({ key: String(p.clientId), name: p.user.name, role: p.user.role, color: p.user.color, self: false, following: p.clientId === followed })
  }
  return people
}

/**
 * Who is on the board: a chip per participant, in their role's colour, each other one with a Follow
 * button (`cg-follow` with their key, or null to stop). The Follow buttons are one stop in the Tab
 * order however many people there are (arrow keys move between them), so the map is a Tab away.
 */
export class CgPresence extends LitElement {
  static override properties = {
    people: { attribute: false },
    narrow: { state: true },
    open: { state: true }
  }

  static override styles = css`
    :host {
      display: block;
      min-width: 0;
    }
    ul {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      /* Whole where the row has room (capped at 18em, an 800 px iframe cut "Iris in the iframe (you)"
         with room to spare); shrinks with the header's room (the name takes the ellipsis), never past its row. */
      min-width: 0;
      max-width: 100%;
      padding: 3px 4px 3px 3px;
      border-radius: 999px;
      background: #f1f5f9;
      color: #0f172a;
      font: 13px/1.2 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    }
    .avatar {
      flex: none;
      display: inline-grid;
      place-items: center;
      width: 24px;
      height: 24px;
      border-radius: 50%;
      color: #fff;
      font-weight: 700;
      font-size: 12px;
    }
    .name {
      display: var(--cg-person-names, inline);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .role {
      margin-inline-end: 6px;
      color: #475569;
      font-size: 12px;
    }
    li.following {
      box-shadow: 0 0 0 2px currentColor;
    }
    .follow {
      margin-inline-start: 2px;
      padding: 2px 8px;
      border: 1px solid #94a3b8;
      border-radius: 999px;
      background: #fff;
      color: #1e293b;
      font: inherit;
      font-size: 12px;
      cursor: pointer;
    }
    /* Pressed, it reads "✓ Follow": the word stays the one in its name (the toggle's state is aria-pressed). */
    .follow[aria-pressed='true']::before {
      content: '✓ ' / '';
    }
    .follow[aria-pressed='true'] {
      border-color: #1d4ed8;
      background: #1d4ed8;
      color: #fff;
    }
    .follow:focus-visible,
    .stack:focus-visible {
      outline: 3px solid #2563eb;
      outline-offset: 1px;
    }
    :host {
      position: relative;
    }
    .stack {
      display: inline-flex;
      align-items: center;
      min-height: 36px;
      padding: 2px 8px 2px 4px;
      border: 1px solid #cbd5e1;
      border-radius: 999px;
      background: #fff;
      font: 600 13px/1 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
      color: #0f172a;
      cursor: pointer;
    }
    /* Initials and count are drawn, not written: as text they were the button's visible label,
       which its name ("Show the 5 people on this board") did not contain. */
    .stack .avatar::before,
    .stack .count::before {
      content: attr(data-text);
    }
    .stack .avatar {
      margin-inline-end: -8px;
      box-shadow: 0 0 0 2px #fff;
    }
    .stack .count {
      margin-inline-start: 14px;
    }
    .pop {
      position: absolute;
      top: calc(100% + 6px);
      left: 0;
      z-index: 20;
      width: max-content;
      max-width: min(22em, 90vw);
      max-height: 60vh;
      overflow: auto;
      padding: 8px;
      border-radius: 10px;
      background: #fff;
      box-shadow: 0 2px 12px rgb(15 23 42 / 0.2);
    }
    /* Opened from the right half of the screen: it grows leftwards, so it stays on screen. */
    .pop.end {
      left: auto;
      right: 0;
    }
    .pop ul {
      flex-direction: column;
      align-items: stretch;
    }
    .pop li {
      max-width: none;
    }
    .pop .follow {
      margin-inline-start: auto;
      min-height: 32px;
    }
    @media (pointer: coarse) {
      .stack {
        min-height: 44px;
      }
      .pop .follow {
        min-height: 44px;
      }
    }
  `

  declare people: readonly Person[]
  /** Which Follow button takes Tab (the roving stop). */
  private current = 0
  /**
   * A phone or a narrow frame: presence is an avatar stack there, however few people there are.
   * Narrow is the board's own width, not the window's: a <cg-board> 600 px wide in a partner's wide
   * page is as narrow as a 600 px iframe.
   */
  private readonly sizer = typeof ResizeObserver === 'function' ? new ResizeObserver(() => this.measure()) : null
  declare narrow: boolean
  declare open: boolean

  constructor() {
    super()
    this.people = []
    this.narrow = false
    this.open = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.sizer?.observe(this.board())
    SHORT?.addEventListener('change', this.measure)
    this.measure()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.sizer?.disconnect()
    SHORT?.removeEventListener('change', this.measure)
  }

  /** The board this presence bar belongs to (the host of the shadow root it is in), else the page. */
  private board(): Element {
    const root = this.getRootNode()
    return root instanceof ShadowRoot ? root.host : document.documentElement
  }

  private readonly measure = (): void => {
    const width = this.board().getBoundingClientRect().width
    this.narrow = (width > 0 && width <= NARROW_WIDTH) || Boolean(SHORT?.matches)
  }

  protected override render() {
    // Many people, or little room: an avatar stack that opens the full list (Follow buttons included).
    if (this.people.length > STACK_OVER || (this.narrow && this.people.length > 1)) return this.renderStack()
    return this.renderList()
  }

  private renderStack() {
    const shown = this.people.slice(0, STACK_SHOWN)
    const label = `${this.people.length} people on this board`
    return html`<button type="button" class="stack" aria-expanded=${String(this.open)} aria-label=${this.open ? `Hide the ${label}` : `Show the ${label}`}
        @click=${this.toggle}>
        ${shown.map((p) => html`<span class="avatar" style="background:${p.color}" data-text=${initial(p.name)}></span>`)}
        <span class="count" data-text=${this.people.length > STACK_SHOWN ? `+${this.people.length - STACK_SHOWN}` : String(this.people.length)}></span>
      </button>
      ${this.open ? html`<div class=${this.opensLeft ? 'pop end' : 'pop'} @keydown=${this.onPopKey}>${this.renderList()}</div>` : nothing}`
  }

  private opensLeft = false

  private readonly toggle = (): void => {
    const r = this.getBoundingClientRect()
    this.opensLeft = r.left + r.width / 2 > window.innerWidth / 2
    this.open = !this.open
  }

  private readonly onPopKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return
    e.stopPropagation()
    this.open = false
    this.renderRoot.querySelector<HTMLElement>('.stack')?.focus()
  }

  private renderList() {
    const others = this.people.filter((p) => !p.self)
    const stop = Math.min(this.current, Math.max(0, others.length - 1))
    return html`<div role="toolbar" aria-label="Follow someone’s view" @keydown=${this.onKey}><ul aria-label="People on this board">
      ${repeat(this.people, (p) => p.key, (p) => html`<li title="${p.name} (${ROLE_LABELS[p.role]})" class=${p.following ? 'following' : ''}>
        <span class="avatar" style="background:${p.color}" aria-hidden="true">${initial(p.name)}</span>
        <span class="name">${p.name}${p.self ? ' (you)' : ''}</span>
        <span class="role">${ROLE_LABELS[p.role]}</span>
        ${p.self
          ? nothing
          : html`<button type="button" class="follow" tabindex=${others.indexOf(p) === stop ? 0 : -1} aria-pressed=${p.following ? 'true' : 'false'}
              aria-label="Follow ${p.name}’s view" @click=${() => this.follow(p.following ? null : p.key)}>Follow</button>`}
      </li>`)}
    </ul></div>`
  }

  private onKey(e: KeyboardEvent): void {
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('button.follow')]
    const at = buttons.indexOf(e.composedPath()[0] as HTMLButtonElement)
    if (at < 0) return
    const next = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[e.key]
    if (next === undefined) return
    e.preventDefault()
    this.current = (next + buttons.length) % buttons.length
    this.requestUpdate()
    void this.updateComplete.then(() => buttons[this.current]?.focus())
  }

  private follow(key: string | null): void {
    this.dispatchEvent(new CustomEvent('cg-follow', { detail: key, bubbles: true, composed: true }))
  }
}

/** At this width or less, the board follows the phone rules (as the CSS container queries do). */
const NARROW_WIDTH = 600
/**
 * A short screen or frame (board-styles' max-height rule): the header is one row, where a chip per
 * person ran past an 800 px iframe's right edge. The avatar stack takes little room there too.
 */
const SHORT = typeof matchMedia === 'function' ? matchMedia('(max-height: 500px)') : null
/** More people than this, and presence collapses into an avatar stack. */
const STACK_OVER = 4
const STACK_SHOWN = 4

const initial = (name: string): string => [...name.trim()][0]?.toUpperCase() ?? '?'

if (!customElements.get('cg-presence')) customElements.define('cg-presence', CgPresence)

declare global {
  interface HTMLElementTagNameMap {
    'cg-presence': CgPresence
  }
}
