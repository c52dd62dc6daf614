import { css, html, LitElement, nothing } from 'lit'
import { ApiError, type Board, type ConsoleApi } from './console-api'
import { consoleStyles } from './console-styles'

/** The boards a token can manage, and (for the admin) a form to create one. */
export class CgBoardList extends LitElement {
  static override properties = {
    api: { attribute: false },
    boards: { attribute: false },
    selectedId: { attribute: false },
    canCreate: { type: Boolean },
    showArchived: { state: true },
    error: { state: true },
    busy: { state: true }
  }

  static override styles = [
    consoleStyles,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        margin: 0 0 8px;
        padding: 0;
      }
      li + li {
        margin-top: 4px;
      }
      .board {
        display: block;
        width: 100%;
        text-align: left;
        white-space: normal;
        padding: 8px 10px;
        border-color: transparent;
        background: transparent;
      }
      .board[aria-current='true'] {
        background: #dbeafe;
        border-color: #93c5fd;
      }
      .board .t {
        display: block;
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .board .q {
        display: block;
        color: #475569;
        font-size: 12.5px;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .toggle {
        display: flex;
        align-items: center;
        gap: 6px;
        margin: 0;
        font-weight: 400;
      }
      .toggle input {
        width: auto;
      }
    `
  ]

  declare api: ConsoleApi | null
  declare boards: Board[]
  declare selectedId: string | null
  declare canCreate: boolean
  declare showArchived: boolean
  declare error: string
  declare busy: boolean

  constructor() {
    super()
    this.api = null
    this.boards = []
    this.selectedId = null
    this.canCreate = false
    this.showArchived = false
    this.error = ''
    this.busy = false
  }

  protected override render() {
    const archived = this.boards.filter((b) => b.archived).length
    const shown = this.boards.filter((b) => this.showArchived || !b.archived || b.id === this.selectedId)
    return html`<section class="card" aria-labelledby="boards-title">
        <h2 id="boards-title">Boards</h2>
        ${shown.length === 0 ? html`<p class="muted">No boards to show.</p>` : nothing}
        <ul>
          ${shown.map(
            (b) => html`<li>
              <button type="button" class="board" aria-current=${b.id === this.selectedId ? 'true' : 'false'} @click=${() => this.select(b.id)}>
                <span class="t">${b.title} ${b.locked ? html`<span class="chip locked">Locked</span>` : nothing}
                  ${b.archived ? html`<span class="chip archived">Archived</span>` : nothing}</span>
                <span class="q">${b.focusQuestion || 'No focus question'}</span>
              </button>
            </li>`
          )}
        </ul>
        ${archived > 0
          ? html`<label class="toggle"
              ><input type="checkbox" .checked=${this.showArchived} @change=${(e: Event) => (this.showArchived = (e.target as HTMLInputElement).checked)} />
              Show archived boards (${archived})</label
            >`
          : nothing}
      </section>
      ${this.canCreate ? this.renderCreate() : nothing}`
  }

  private renderCreate() {
    return html`<form class="card" @submit=${this.onCreate} aria-labelledby="create-title">
      <h2 id="create-title">New board</h2>
      <label for="title">Title</label>
      <input id="title" name="title" required maxlength="200" autocomplete="off" />
      <label for="focus">Focus question</label>
      <textarea id="focus" name="focusQuestion" rows="2" maxlength="1000" placeholder="What makes customers come back?"></textarea>
      ${this.error ? html`<p class="error spaced" role="alert">${this.error}</p>` : nothing}
      <div class="actions"><button type="submit" class="primary" ?disabled=${this.busy}>Create board</button></div>
    </form>`
  }

  private select(id: string): void {
    this.dispatchEvent(new CustomEvent('cg-select', { detail: id, bubbles: true, composed: true }))
  }

  private async onCreate(e: SubmitEvent): Promise<void> {
    e.preventDefault()
    if (!this.api) return
    const form = e.target as HTMLFormElement
    const data = new FormData(form)
    this.busy = true
    this.error = ''
    try {
      const board = await this.api.createBoard(String(data.get('title') ?? ''), String(data.get('focusQuestion') ?? ''))
      form.reset()
      this.dispatchEvent(new CustomEvent('cg-board-changed', { detail: board, bubbles: true, composed: true }))
    } catch (err) {
      this.error = err instanceof ApiError ? err.message : 'Could not create the board.'
    } finally {
      this.busy = false
    }
  }
}

if (!customElements.get('cg-board-list')) customElements.define('cg-board-list', CgBoardList)

declare global {
  interface HTMLElementTagNameMap {
    'cg-board-list': CgBoardList
  }
}
