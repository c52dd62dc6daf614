import { css, html, LitElement, nothing } from 'lit'
import type { BoardView, ImportedBoard } from '../../shared/api/boards'
import type { Dropped, Repaired } from '../../shared/exchange/import-common'
import { ApiError, type ConsoleApi, type ImportFormat } from './console-api'
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
    busy: { state: true },
    importError: { state: true },
    importResult: { state: true },
    importing: { state: true }
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
  declare boards: BoardView[]
  declare selectedId: string | null
  declare canCreate: boolean
  declare showArchived: boolean
  declare error: string
  declare busy: boolean
  declare importError: string
  declare importResult: string
  declare importing: boolean

  constructor() {
    super()
    this.api = null
    this.boards = []
    this.selectedId = null
    this.canCreate = false
    this.showArchived = false
    this.error = ''
    this.busy = false
    this.importError = ''
    this.importResult = ''
    this.importing = false
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
      ${this.canCreate ? this.renderCreate() : nothing} ${this.canCreate ? this.renderImport() : nothing}`
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

  private renderImport() {
    return html`<form class="card" @submit=${this.onImport} aria-labelledby="import-title">
      <h2 id="import-title">Import a map</h2>
      <p class="muted small">A CmapTools file (.cxl) or a Common Ground export (.json) becomes a new board.</p>
      <label for="import-file">Map file (.cxl or .json)</label>
      <input id="import-file" name="file" type="file" accept=".cxl,.json" required />
      <label for="import-name">Board name</label>
      <input id="import-name" name="title" maxlength="200" autocomplete="off" placeholder="Optional: the file’s title otherwise" />
      ${this.importError ? html`<p class="error spaced" role="alert">${this.importError}</p>` : nothing}
      ${this.importResult ? html`<p class="notice spaced" role="status">${this.importResult}</p>` : nothing}
      <div class="actions"><button type="submit" class="primary" ?disabled=${this.importing}>${this.importing ? 'Importing…' : 'Import map'}</button></div>
    </form>`
  }

  private async onImport(e: SubmitEvent): Promise<void> {
    e.preventDefault()
    if (!this.api) return
    const form = e.target as HTMLFormElement
    const file = (form.querySelector('#import-file') as HTMLInputElement).files?.[0]
    const title = (form.querySelector('#import-name') as HTMLInputElement).value
    this.importError = ''
    this.importResult = ''
    if (!file) {
      this.importError = 'Choose a .cxl or .json file first.'
      return
    }
    const format = importFormatOf(file.name)
    if (!format) {
      this.importError = 'That file is neither .cxl nor .json: choose a CmapTools (.cxl) or Common Ground (.json) file.'
      return
    }
    this.importing = true
    try {
      const result = await this.api.importBoard(file, format, title)
      // The import's answer is not a whole board record: the list has it in full.
      const board = (await this.api.boards().catch(() => [])).find((b) => b.id === result.id) ?? boardFrom(result)
      form.reset()
      this.importResult = describeImport(result)
      this.dispatchEvent(new CustomEvent('cg-board-changed', { detail: board, bubbles: true, composed: true }))
    } catch (err) {
      // The API's messages begin in lower case; shown on their own, they begin as a sentence.
      this.importError = err instanceof ApiError ? err.message.charAt(0).toUpperCase() + err.message.slice(1) : 'Could not import the file.'
    } finally {
      this.importing = false
    }
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

/** The import format a file's name calls for, if any. */
export function importFormatOf(name: string): ImportFormat | null {
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase()
  return ext === 'cxl' ? 'cxl' : ext === 'json' ? 'json' : null
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

const DROPPED: Record<keyof Dropped, [string, string]> = {
  concepts: ['duplicate concept', 'duplicate concepts'],
  links: ['link', 'links'],
  connections: ['dangling connection', 'dangling connections'],
  linkingPhrases: ['unconnected linking phrase', 'unconnected linking phrases'],
  elements: ['unsupported element', 'unsupported elements']
}
const REPAIRED: Record<keyof Repaired, [string, string]> = {
  ids: ['id', 'ids'],
  labels: ['label', 'labels'],
  positions: ['position', 'positions'],
  fields: ['field', 'fields']
}

const listed = <T extends object>(counts: T, names: Record<keyof T, [string, string]>) =>
  (Object.entries(counts) as Array<[keyof T & string, number]>)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => count(n, names[k][0], names[k][1]))
    .join(', ')

/** An import's outcome in words: "Imported 6 concepts and 9 propositions into “…”; dropped 2 dangling connections". */
export function describeImport(r: ImportedBoard): string {
  let text = `Imported ${count(r.concepts, 'concept')} and ${count(r.links, 'proposition')} into “${r.title}”`
  const dropped = listed(r.dropped, DROPPED)
  const repaired = listed(r.repaired, REPAIRED)
  if (dropped) text += `; dropped ${dropped}`
  if (repaired) text += `; repaired ${repaired}`
  return `${text}.`
}

function boardFrom(r: ImportedBoard): BoardView {
  return { id: r.id, title: r.title, focusQuestion: r.focusQuestion, url: r.url, createdAt: Date.now(), locked: false, archived: false, allowedOrigins: [] }
}

if (!customElements.get('cg-board-list')) customElements.define('cg-board-list', CgBoardList)

declare global {
  interface HTMLElementTagNameMap {
    'cg-board-list': CgBoardList
  }
}
