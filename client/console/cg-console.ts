import { css, html, LitElement, nothing } from 'lit'
import type { Me } from '../../shared/api/access'
import type { BoardView } from '../../shared/api/boards'
import { ApiError, ConsoleApi } from './console-api'
import { consoleStyles } from './console-styles'
import { WhileSeen } from './while-seen'
import './cg-board-list'
import './cg-board-panel'
import './cg-compare-panel'
import './cg-sign-in'

const TOKEN_KEY = 'common-ground:console-token'

/**
 * The facilitator console (GET /). Signs in with the admin token (the console URL printed at start
 * carries it in the fragment, which never reaches a server) or a facilitator's token, then lists
 * boards and manages the one selected: details, lock, archive, invites, people, embedding.
 */
export class CgConsole extends LitElement {
  static override properties = {
    api: { state: true },
    me: { state: true },
    boards: { state: true },
    selectedId: { state: true },
    error: { state: true },
    busy: { state: true },
    comparing: { state: true }
  }

  static override styles = [
    consoleStyles,
    css`
      :host {
        display: block;
        min-height: 100vh;
        background: #f8fafc;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px 16px;
        padding: 12px 24px;
        background: #0f172a;
        color: #f8fafc;
      }
      header h1 {
        margin: 0;
        font-size: 18px;
        flex: 1 1 auto;
      }
      header h1 span {
        font-weight: 400;
        color: #cbd5e1;
      }
      header .who {
        color: #e2e8f0;
      }
      header button {
        background: transparent;
        color: #f8fafc;
        border-color: #94a3b8;
      }
      header button:hover {
        background: #1e293b;
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(220px, 300px) minmax(0, 1fr);
        gap: 20px;
        padding: 20px 24px;
        max-width: 1280px;
        margin: 0 auto;
      }
      @media (max-width: 760px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      main {
        min-width: 0;
      }
      .empty {
        padding: 40px;
        text-align: center;
      }
    `
  ]

  declare api: ConsoleApi | null
  declare me: Me | null
  declare boards: BoardView[]
  declare selectedId: string | null
  declare error: string
  declare busy: boolean
  declare comparing: boolean

  constructor() {
    super()
    // A board locked or unlocked from its own page: the list and the board's panel say so here too
    // (at once when that page is a tab of this browser).
    new WhileSeen(this, () => void this.rereadBoards(), 5000, (boardId) => this.boards.some((b) => b.id === boardId))
    this.api = null
    this.me = null
    this.boards = []
    this.selectedId = null
    this.error = ''
    this.busy = false
    this.comparing = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    const token = takeTokenFromAddress() ?? readStoredToken()
    this.selectedId = new URLSearchParams(location.hash.slice(1)).get('board')
    this.comparing = location.hash === '#compare'
    if (token) void this.signIn(token)
  }

  protected override render() {
    const me = this.me
    const who = !me ? '' : me.kind === 'admin' ? 'Signed in as the service owner' : `Signed in as ${me.name ?? 'a facilitator'} (facilitator of one board)`
    return html`<header>
        <h1>Common Ground <span>· Facilitator console</span></h1>
        ${this.api ? html`<span class="who">${who}</span><button type="button" @click=${this.signOut}>Sign out</button>` : nothing}
      </header>
      ${this.api && me ? this.renderSignedIn(me) : html`<main><cg-sign-in .error=${this.error} .busy=${this.busy} @cg-sign-in=${this.onSignIn}></cg-sign-in></main>`}`
  }

  private renderSignedIn(me: Me) {
    const selected = this.boards.find((b) => b.id === this.selectedId) ?? null
    return html`<div class="layout">
      <cg-board-list
        .api=${this.api}
        .boards=${this.boards}
        .selectedId=${this.selectedId}
        .canCreate=${me.kind === 'admin'}
        @cg-select=${(e: CustomEvent<string>) => this.select(e.detail)}
        @cg-board-changed=${this.onBoardChanged}
      ></cg-board-list>
      <main>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        ${me.kind === 'admin' && this.boards.length > 1
          ? html`<p><button type="button" aria-pressed=${String(this.comparing)} @click=${this.toggleCompare}>${this.comparing ? 'Back to the board' : 'Compare workshops'}</button></p>`
          : nothing}
        ${this.comparing && me.kind === 'admin'
          ? html`<cg-compare-panel .api=${this.api} .boards=${this.boards} @cg-unauthorized=${this.onUnauthorized}></cg-compare-panel>`
          : selected
          ? html`<cg-board-panel .api=${this.api} .board=${selected} @cg-board-changed=${this.onBoardChanged} @cg-unauthorized=${this.onUnauthorized}></cg-board-panel>`
          : html`<div class="card empty muted">
              ${this.boards.length === 0
                ? me.kind === 'admin'
                  ? 'No boards yet. Create the first one with a title and a focus question.'
                  : 'This token has no board.'
                : 'Choose a board to manage it.'}
            </div>`}
      </main>
    </div>`
  }

  private onSignIn = (e: CustomEvent<string>) => void this.signIn(e.detail)

  private async rereadBoards(): Promise<void> {
    const api = this.api
    if (!api) return
    try {
      const boards = await api.boards()
      if (this.api === api) this.boards = boards
    } catch {
      // Kept as they were; the next reread or action tells of a lasting problem.
    }
  }

  private async signIn(token: string): Promise<void> {
    const api = new ConsoleApi(token)
    this.busy = true
    this.error = ''
    try {
      const me = await api.me()
      if (me.kind === 'participant' && me.role !== 'facilitator') {
        throw new ApiError(403, 'That invite is not a facilitator’s: the console needs the admin token or a facilitator invite.')
      }
      const boards = await api.boards()
      try {
        sessionStorage.setItem(TOKEN_KEY, token)
      } catch {
        // Storage off: signed in for this page view only.
      }
      this.api = api
      this.me = me
      this.boards = boards
      if (me.kind === 'participant') this.selectedId = me.boardId
      else if (!boards.some((b) => b.id === this.selectedId)) this.selectedId = boards.find((b) => !b.archived)?.id ?? null
    } catch (err) {
      this.api = null
      this.me = null
      forgetToken()
      this.error =
        err instanceof ApiError && err.status === 401 ? 'That token is not valid: it may be mistyped, expired or revoked.' : (err as Error).message
    } finally {
      this.busy = false
    }
  }

  private signOut = () => {
    forgetToken()
    this.api = null
    this.me = null
    this.boards = []
    this.error = ''
    history.replaceState(null, '', location.pathname)
  }

  private onUnauthorized = () => {
    this.signOut()
    this.error = 'Your token no longer works (expired or revoked). Sign in again.'
  }

  private readonly toggleCompare = (e: Event): void => {
    const button = e.currentTarget as HTMLElement
    this.comparing = !this.comparing
    history.replaceState(null, '', `${location.pathname}${this.comparing ? '#compare' : this.selectedId ? `#board=${encodeURIComponent(this.selectedId)}` : ''}`)
    // The panel below it changes height: on a phone the page shrank under the finger and showed the
    // board list instead. Keep the button, and so what it opened, in view.
    void this.updateComplete.then(() => button.scrollIntoView({ block: 'nearest' }))
  }

  private select(id: string): void {
    this.comparing = false
    this.selectedId = id
    this.error = ''
    history.replaceState(null, '', `${location.pathname}#board=${encodeURIComponent(id)}`)
  }

  private onBoardChanged = (e: CustomEvent<BoardView>) => {
    const board = e.detail
    const known = this.boards.some((b) => b.id === board.id)
    this.boards = known ? this.boards.map((b) => (b.id === board.id ? board : b)) : [...this.boards, board]
    if (!known) this.select(board.id)
  }
}

/** The admin token of the console URL (`/#token=…`), taken out of the address bar at once. */
function takeTokenFromAddress(): string | null {
  const params = new URLSearchParams(location.hash.slice(1))
  const token = params.get('token')
  if (!token) return null
  params.delete('token')
  const rest = params.toString()
  history.replaceState(null, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`)
  return token
}

function readStoredToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY)
  } catch {
    return null
  }
}

function forgetToken(): void {
  try {
    sessionStorage.removeItem(TOKEN_KEY)
  } catch {
    // Nothing stored.
  }
}

if (!customElements.get('cg-console')) customElements.define('cg-console', CgConsole)

declare global {
  interface HTMLElementTagNameMap {
    'cg-console': CgConsole
  }
}
