import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import type { BoardPatch, BoardView } from '../../shared/api/boards'
import { type ConsoleApi, failureMessage } from './console-api'
import { consoleStyles } from './console-styles'
import './cg-embed-panel'
import './cg-history-panel'
import './cg-invite-panel'
import './cg-people-panel'

const OPEN_TOKEN_KEY = (boardId: string) => `common-ground:console-open:${boardId}`

/** One board in the console: its details, lock and archive, and its invites, people, history and embedding. */
export class CgBoardPanel extends LitElement {
  static override properties = {
    api: { attribute: false },
    board: { attribute: false },
    editing: { state: true },
    confirmArchive: { state: true },
    error: { state: true },
    busy: { state: true }
  }

  static override styles = [
    consoleStyles,
    css`
      :host {
        display: block;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: start;
        gap: 12px;
      }
      .head .titles {
        flex: 1 1 20rem;
        min-width: 0;
      }
      h2 {
        font-size: 20px;
        margin-bottom: 4px;
        overflow-wrap: anywhere;
      }
      .question {
        font-size: 15px;
        overflow-wrap: anywhere;
      }
      .state {
        margin-top: 8px;
      }
    `
  ]

  declare api: ConsoleApi | null
  declare board: BoardView | null
  declare editing: boolean
  declare confirmArchive: boolean
  declare error: string
  declare busy: boolean

  constructor() {
    super()
    this.api = null
    this.board = null
    this.editing = false
    this.confirmArchive = false
    this.error = ''
    this.busy = false
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get('board') as BoardView | null | undefined
    if (changed.has('board') && before?.id !== this.board?.id) {
      this.editing = false
      this.confirmArchive = false
      this.error = ''
    }
  }

  protected override render() {
    const b = this.board
    if (!b) return nothing
    return html`<section class="card" aria-labelledby="board-title">
        ${this.editing ? this.renderEdit(b) : this.renderHead(b)}
        ${this.error ? html`<p class="error spaced" role="alert">${this.error}</p>` : nothing}
      </section>
      ${b.archived
        ? html`<p class="notice">This board is archived: nobody can open it, and its invites do nothing until you restore it.</p>`
        : nothing}
      <cg-invite-panel .api=${this.api} .board=${b}></cg-invite-panel>
      <cg-people-panel .api=${this.api} .board=${b}></cg-people-panel>
      <cg-history-panel .api=${this.api} .board=${b}></cg-history-panel>
      <cg-embed-panel .api=${this.api} .board=${b}></cg-embed-panel>`
  }

  private renderHead(b: BoardView) {
    return html`<div class="head">
        <div class="titles">
          <h2 id="board-title">${b.title}</h2>
          <p class="question">${b.focusQuestion || html`<span class="muted">No focus question yet.</span>`}</p>
        </div>
        <div class="actions">
          <button type="button" @click=${this.openBoard} ?disabled=${b.archived || this.busy}>Open board ↗</button>
          <button type="button" @click=${() => (this.editing = true)}>Edit details</button>
        </div>
      </div>
      <div class="row state">
        <span>
          ${b.locked ? html`<span class="chip locked">Locked</span> Only facilitators can change the map.` : html`<span class="chip">Open</span> Brand and customer participants can edit.`}
        </span>
      </div>
      <div class="actions">
        <button type="button" ?disabled=${this.busy || b.archived} @click=${() => this.patch({ locked: !b.locked })}>
          ${b.locked ? 'Unlock board' : 'Lock board (read-only)'}
        </button>
        ${b.archived
          ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.patch({ archived: false })}>Restore board</button>`
          : this.confirmArchive
            ? html`<button type="button" class="danger" @click=${() => this.patch({ archived: true })}>Archive now: everyone is disconnected</button>
                <button type="button" @click=${() => (this.confirmArchive = false)}>Cancel</button>`
            : html`<button type="button" class="danger" ?disabled=${this.busy} @click=${() => (this.confirmArchive = true)}>Archive board…</button>`}
      </div>`
  }

  private renderEdit(b: BoardView) {
    return html`<form @submit=${this.onSave} aria-labelledby="edit-title">
      <h2 id="edit-title">Edit details</h2>
      <label for="edit-board-title">Title</label>
      <input id="edit-board-title" name="title" required maxlength="200" .value=${b.title} />
      <label for="edit-board-focus">Focus question</label>
      <textarea id="edit-board-focus" name="focusQuestion" rows="2" maxlength="1000" .value=${b.focusQuestion}></textarea>
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${this.busy}>Save</button>
        <button type="button" @click=${() => (this.editing = false)}>Cancel</button>
      </div>
    </form>`
  }

  private async onSave(e: SubmitEvent): Promise<void> {
    e.preventDefault()
    const data = new FormData(e.target as HTMLFormElement)
    const ok = await this.patch({ title: String(data.get('title') ?? ''), focusQuestion: String(data.get('focusQuestion') ?? '') })
    if (ok) this.editing = false
  }

  private async patch(patch: BoardPatch): Promise<boolean> {
    if (!this.api || !this.board) return false
    this.busy = true
    this.error = ''
    try {
      const board = await this.api.patchBoard(this.board.id, patch)
      this.confirmArchive = false
      this.dispatchEvent(new CustomEvent('cg-board-changed', { detail: board, bubbles: true, composed: true }))
      return true
    } catch (err) {
      this.fail(err)
      return false
    } finally {
      this.busy = false
    }
  }

  /** Opens the board page as a facilitator: with the facilitator's own token, or one issued for the admin. */
  private openBoard = async () => {
    const api = this.api
    const b = this.board
    if (!api || !b) return
    const tab = window.open('about:blank', '_blank')
    try {
      let token = api.token.includes('.') ? api.token : sessionStorage.getItem(OPEN_TOKEN_KEY(b.id))
      if (!token) {
        token = (await api.invite(b.id, { role: 'facilitator', name: 'Admin', ttlSeconds: 24 * 3600 })).token
        sessionStorage.setItem(OPEN_TOKEN_KEY(b.id), token)
      }
      const url = `/b/${encodeURIComponent(b.id)}?token=${encodeURIComponent(token)}`
      if (tab) {
        tab.opener = null
        tab.location.href = url
      } else location.assign(url)
    } catch (err) {
      tab?.close()
      this.fail(err)
    }
  }

  private fail(err: unknown): void {
    const message = failureMessage(this, err)
    if (message !== null) this.error = message
  }
}

if (!customElements.get('cg-board-panel')) customElements.define('cg-board-panel', CgBoardPanel)

declare global {
  interface HTMLElementTagNameMap {
    'cg-board-panel': CgBoardPanel
  }
}
