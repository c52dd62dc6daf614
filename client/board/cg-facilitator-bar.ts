import { css, html, LitElement, nothing, type TemplateResult } from 'lit'
import type { LiveBoardState, MapView } from '../../shared/sync/board-events'
import { FacilitatorController, type FacilitatorAction } from '../controllers/facilitator-controller'
import type { BoardTarget } from './board-api'
import { keepInViewport } from './popup-placement'
import { hourMinute } from '../model/clock-time'

const TIMER_MINUTES = [3, 5, 10, 15] as const
const VOTE_DOTS = [1, 5, 10] as const


/**
 * The facilitator's controls on the board itself: the session (start, end), the lock, and under
 * More: a snapshot, a timer for everyone, "bring everyone here", replay and report; the live view
 * (the cockpit) and a dot vote (3 dots each, or 1, 5 or 10 under More). Plain buttons in
 * a labelled group, so they are in the Tab order; the More list opens inside the viewport.
 */
export class CgFacilitatorBar extends LitElement {
  static override properties = {
    target: { attribute: false },
    live: { attribute: false },
    view: { attribute: false },
    liveOpen: { attribute: false }
  }

  static override styles = css`
    :host {
      position: relative;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px 8px;
      min-width: 0;
      font: 14px/1.3 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
      color: #0f172a;
    }
    .session {
      color: #475569;
      font-size: 13px;
    }
    button,
    summary,
    a {
      display: inline-flex;
      align-items: center;
      padding: 6px 12px;
      border: 1px solid #64748b;
      border-radius: 8px;
      background: #fff;
      color: inherit;
      font: inherit;
      text-decoration: none;
      cursor: pointer;
    }
    button[aria-pressed='true'] {
      background: #1e293b;
      border-color: #1e293b;
      color: #fff;
    }
    button.locked {
      border-color: #b45309;
      background: #fef3c7;
    }
    button:disabled {
      color: #64748b;
      cursor: default;
    }
    summary {
      list-style: none;
    }
    summary::-webkit-details-marker {
      display: none;
    }
    summary::after {
      content: ' ▾' / '';
    }
    details {
      position: relative;
    }
    .menu {
      z-index: 10;
      display: flex;
      flex-direction: column;
      gap: 2px;
      min-width: 14rem;
      padding: 6px;
      background: #fff;
      border: 1px solid #cbd5e1;
      border-radius: 8px;
      box-shadow: 0 10px 30px rgb(15 23 42 / 0.18);
    }
    .menu button,
    .menu a {
      justify-content: flex-start;
      border-color: transparent;
    }
    .menu button:hover,
    .menu a:hover {
      background: #f1f5f9;
    }
    .menu .row {
      display: flex;
      flex-wrap: wrap;
      gap: 2px;
      align-items: center;
      padding-inline-start: 12px;
    }
    .menu .row span {
      margin-inline-end: 4px;
    }
    .menu .row button {
      padding: 6px 8px;
      border-color: #cbd5e1;
    }
    hr {
      width: 100%;
      margin: 4px 0;
      border: none;
      border-top: 1px solid #e2e8f0;
    }
    /* A finger needs 44 px. */
    @media (pointer: coarse) {
      button,
      summary,
      a {
        box-sizing: border-box;
        min-width: 44px;
        min-height: 44px;
      }
    }
    button:focus-visible,
    summary:focus-visible,
    a:focus-visible {
      outline: 3px solid #2563eb;
      outline-offset: 2px;
    }
    /* Above the map's toolbar, not over it (cg-board says how much room the toolbar takes). */
    .message {
      position: absolute;
      left: 0;
      bottom: calc(100% + 8px + var(--cg-clear-toolbar, 0px));
      z-index: 9;
      max-width: min(34rem, calc(100vw - 24px));
      margin: 0;
      padding: 8px 12px;
      border-radius: 8px;
      background: #ecfdf5;
      border: 1px solid #6ee7b7;
      color: #064e3b;
      box-shadow: 0 4px 14px rgb(15 23 42 / 0.12);
    }
    .message.failed {
      background: #fee2e2;
      border-color: #fca5a5;
      color: #7f1d1d;
    }
    .message:empty {
      display: none;
    }
    /* A narrow board (a phone held upright, a small embed) keeps the session, the lock and More on
       the bar; the end of a session not started, the live view and the vote go under More. */
    .narrow,
    .short {
      display: none;
    }
    @container (max-width: 600px) {
      .session,
      .wide,
      .long {
        display: none;
      }
      .menu .narrow {
        display: inline-flex;
      }
      /* The lock and an open vote's close say less and the buttons pad less, so that they, the session
         and More share one row on a phone (an open vote made a third row of footer). */
      .short {
        display: inline;
      }
      :host {
        column-gap: 6px;
      }
      button,
      summary {
        padding-inline: 10px;
      }
    }
    /* A short frame (a phone on its side) keeps the footer to one row (cg-board's styles). */
    @media (max-height: 500px) {
      :host {
        flex-wrap: nowrap;
      }
      .session {
        display: none;
      }
    }
  `

  declare target: BoardTarget | null
  declare live: LiveBoardState | null
  /** The part of the map this facilitator sees now (for "bring everyone here"). */
  declare view: () => MapView | null
  /** The live view (cockpit) is open. */
  declare liveOpen: boolean

  private readonly actions = new FacilitatorController(this, () => this.target!)
  private stopPlacing: (() => void) | null = null

  constructor() {
    super()
    this.target = null
    this.live = null
    this.view = () => null
    this.liveOpen = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.setAttribute('role', 'group')
    this.setAttribute('aria-label', 'Facilitator controls')
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.stopPlacing?.()
  }

  protected override render() {
    const live = this.live
    const busy = this.actions.busy
    const session = live?.session ?? null
    const base = this.target ? `${this.target.server.replace(/\/+$/, '')}` : ''
    const id = encodeURIComponent(this.target?.boardId ?? '')
    const token = `#token=${encodeURIComponent(this.target?.token ?? '')}`
    return html`<span class="session">${session ? `${session.name} running since ${hourMinute(session.start)}` : 'No session started'}</span>
      ${session ? nothing : this.button('start-session', 'Start session')}
      ${this.button('end-session', 'End session', session ? '' : 'wide')}
      ${live?.locked
        ? html`<button type="button" class="locked" ?disabled=${busy !== null} @click=${() => this.act('unlock')}>${this.shortens('Unlock board', 'Unlock')}</button>`
        : this.button('lock', this.shortens('Lock board', 'Lock'))}
      ${this.liveButton('wide')}
      ${live?.vote?.open ? this.button('close-vote', this.shortens('Close dot vote', 'Close vote')) : this.voteButton('wide')}
      <details @toggle=${this.onToggle} @keydown=${this.onMenuKey}>
        <summary>More</summary>
        <div class="menu" role="group" aria-label="More facilitator controls">
          ${session ? nothing : this.button('end-session', 'End session', 'narrow')}
          ${this.liveButton('narrow')} ${live?.vote?.open ? nothing : this.voteButton('narrow')}
          ${this.button('snapshot', 'Take a snapshot')} ${this.button('bring-everyone', 'Bring everyone here')}
          <div class="row" role="group" aria-label="Timer for everyone">
            <span aria-hidden="true">Timer</span>
            ${TIMER_MINUTES.map((m) => html`<button type="button" aria-label="Start a ${m} min timer" ?disabled=${busy !== null} @click=${() => this.act({ timer: m * 60 })}>${m} min</button>`)}
            ${live?.timer ? html`<button type="button" ?disabled=${busy !== null} @click=${() => this.act('stop-timer')}>Stop</button>` : nothing}
          </div>
          <div class="row" role="group" aria-label="Dot vote with more or fewer dots">
            <span aria-hidden="true">Dot vote</span>
            ${VOTE_DOTS.map((n) => html`<button type="button" aria-label="Open a dot vote with ${n} ${n === 1 ? 'dot' : 'dots'} each" ?disabled=${busy !== null || live?.vote?.open === true} @click=${() => this.act({ vote: n })}>${n} ${n === 1 ? 'dot' : 'dots'}</button>`)}
          </div>
          <hr />
          <a href="${base}/replay/${id}${token}" target="_blank" rel="noopener noreferrer" @click=${this.closeMenu}>Open replay ↗</a>
          <a href="${base}/report/${id}${token}" target="_blank" rel="noopener noreferrer" @click=${this.closeMenu}>Open report ↗</a>
        </div>
      </details>
      <p class="message ${this.actions.failed ? 'failed' : ''}" role="status">${this.actions.message}</p>`
  }

  private readonly toggleLive = (): void => {
    this.closeMenu()
    this.dispatchEvent(new CustomEvent('cg-live-toggle', { bubbles: true, composed: true }))
  }

  private liveButton(where: 'wide' | 'narrow') {
    return html`<button type="button" class=${where} aria-pressed=${String(this.liveOpen)} @click=${this.toggleLive}>Live view</button>`
  }

  private voteButton(where: 'wide' | 'narrow') {
    const busy = this.actions.busy
    return html`<button type="button" class=${where} ?disabled=${busy !== null} @click=${() => this.act({ vote: 3 })}>${busy === 'vote' ? 'Dot vote…' : 'Dot vote'}</button>`
  }

  /** A label with a shorter wording on a narrow bar; the one not shown is not part of the button's name. */
  private shortens(long: string, short: string) {
    return html`<span class="long">${long}</span><span class="short">${short}</span>`
  }

  /** `where`: shown on the bar only when it is wide, or in More only when the bar is narrow. */
  private button(action: Exclude<FacilitatorAction, { timer: number } | { vote: number }>, label: string | TemplateResult, where: '' | 'wide' | 'narrow' = '') {
    return html`<button type="button" class=${where} ?disabled=${this.actions.busy !== null} @click=${() => this.act(action)}>
      ${label}${this.actions.busy === action ? '…' : ''}
    </button>`
  }

  private act(action: FacilitatorAction): void {
    this.closeMenu()
    void this.actions.run(action, this.live, this.view)
  }

  /** The list closes under the button pressed: focus goes back to More, not to the page. */
  private readonly closeMenu = (): void => {
    const details = this.renderRoot.querySelector('details')
    if (!details?.open) return
    details.open = false
    details.querySelector('summary')?.focus()
  }

  private onToggle(event: Event): void {
    const details = event.currentTarget as HTMLDetailsElement
    this.stopPlacing?.()
    this.stopPlacing = null
    const summary = details.querySelector('summary')
    const menu = details.querySelector<HTMLElement>('.menu')
    if (details.open && summary && menu) this.stopPlacing = keepInViewport(summary, menu)
  }

  /** Escape closes the More list and puts focus back on its button. */
  private onMenuKey(event: KeyboardEvent): void {
    const details = event.currentTarget as HTMLDetailsElement
    if (event.key !== 'Escape' || !details.open) return
    details.open = false
    details.querySelector('summary')?.focus()
    event.stopPropagation()
  }
}

if (!customElements.get('cg-facilitator-bar')) customElements.define('cg-facilitator-bar', CgFacilitatorBar)

declare global {
  interface HTMLElementTagNameMap {
    'cg-facilitator-bar': CgFacilitatorBar
  }
}
