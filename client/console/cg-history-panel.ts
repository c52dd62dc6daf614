import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import type { BoardView } from '../../shared/api/boards'
import type { BoardSession } from '../../shared/api/sessions'
import type { SnapshotSummary } from '../../shared/api/snapshots'
import { type ConsoleApi, failureMessage } from './console-api'
import { consoleStyles } from './console-styles'
import { hourMinute } from '../model/clock-time'
import { WhileSeen } from './while-seen'

const SHOWN_SNAPSHOTS = 12

const KIND_LABEL: Record<SnapshotSummary['kind'], string> = {
  manual: 'Taken',
  scheduled: 'Scheduled',
  'session-end': 'Session end'
}

/** A board's history in the console: snapshots to take and list, the session to start and end, and replay. */
export class CgHistoryPanel extends LitElement {
  static override properties = {
    api: { attribute: false },
    board: { attribute: false },
    snapshots: { state: true },
    sessions: { state: true },
    error: { state: true },
    busy: { state: true },
    loaded: { state: true }
  }

  static override styles = [
    consoleStyles,
    css`
      :host {
        display: block;
      }
      .cols {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
        gap: 8px 24px;
      }
      h2 {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 8px;
      }
      h2 a.button {
        font-size: 14px;
        font-weight: 400;
      }
      h2 .links {
        display: flex;
        gap: 8px;
      }
      form .row {
        margin-top: 4px;
      }
      form label {
        margin-top: 0;
      }
      ul {
        list-style: none;
        margin: 10px 0 0;
        padding: 0;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 2px 8px;
        padding: 5px 0;
        border-bottom: 1px solid #e2e8f0;
      }
      li .name {
        flex: 1 1 8rem;
        min-width: 0;
        overflow-wrap: anywhere;
        font-weight: 600;
      }
      .session-state {
        margin: 0 0 8px;
      }
    `
  ]

  declare api: ConsoleApi | null
  declare board: BoardView | null
  declare snapshots: SnapshotSummary[]
  declare sessions: BoardSession[]
  declare error: string
  declare busy: boolean
  declare loaded: boolean

  constructor() {
    super()
    // Sessions and snapshots change from the board's own page too (Start session there): reread them.
    new WhileSeen(this, () => void this.refresh(), 5000, (boardId) => boardId === this.board?.id)
    this.api = null
    this.board = null
    this.snapshots = []
    this.sessions = []
    this.error = ''
    this.busy = false
    this.loaded = false
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get('board') as BoardView | null | undefined
    if ((changed.has('board') && before?.id !== this.board?.id) || changed.has('api')) {
      this.snapshots = []
      this.sessions = []
      this.error = ''
      this.loaded = false
      void this.refresh()
    }
  }

  private get running(): BoardSession | undefined {
    return this.sessions.find((s) => s.kind === 'marked' && s.open)
  }

  protected override render() {
    const b = this.board
    if (!b || !this.api) return nothing
    const replay = `/replay/${encodeURIComponent(b.id)}#token=${encodeURIComponent(this.api.token)}`
    const report = `/report/${encodeURIComponent(b.id)}#token=${encodeURIComponent(this.api.token)}`
    return html`<section class="card" aria-labelledby="history-title">
      <h2>
        <span id="history-title">Snapshots and sessions</span>
        <span class="links">
          <a class="button" href=${replay} target="_blank" rel="noopener noreferrer">Replay ↗</a>
          <a class="button" href=${report} target="_blank" rel="noopener noreferrer">Report ↗</a>
        </span>
      </h2>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div class="cols">
        <div>${this.renderSession()}</div>
        <div>${this.renderSnapshots()}</div>
      </div>
    </section>`
  }

  private renderSession() {
    const running = this.running
    const last = this.sessions.filter((s) => s.kind === 'marked' && !s.open).at(-1)
    return html`<h3>Session</h3>
      <p class="session-state" role="status" aria-label="Session state">
        ${running
          ? html`<span class="chip online">Running</span> ${running.name ? html`<strong>${running.name}</strong>, ` : nothing}since ${hourMinute(running.start)}`
          : html`<span class="chip">No session running</span>
              ${last ? html`<span class="muted small">Last: ${last.name || 'unnamed'}, ${hourMinute(last.start)}–${hourMinute(last.end)}</span>` : nothing}`}
      </p>
      ${running
        ? html`<button type="button" ?disabled=${this.busy} @click=${this.onEnd}>End session</button>`
        : html`<form @submit=${this.onStart}>
            <label for="session-name">Session name</label>
            <div class="row">
              <input id="session-name" class="grow" name="name" maxlength="200" autocomplete="off" placeholder="Optional, e.g. Workshop 1" />
              <button type="submit" class="primary" ?disabled=${this.busy || !this.loaded}>Start session</button>
            </div>
          </form>`}`
  }

  private renderSnapshots() {
    const newest = [...this.snapshots].reverse()
    const shown = newest.slice(0, SHOWN_SNAPSHOTS)
    return html`<h3>Snapshots</h3>
      <form @submit=${this.onSnapshot}>
        <label for="snapshot-name">Snapshot name</label>
        <div class="row">
          <input id="snapshot-name" class="grow" name="name" maxlength="200" autocomplete="off" placeholder="e.g. Before the break" />
          <button type="submit" ?disabled=${this.busy}>Take snapshot</button>
        </div>
      </form>
      ${this.loaded && newest.length === 0 ? html`<p class="muted small spaced">No snapshots yet.</p>` : nothing}
      ${shown.length
        ? html`<ul aria-label="Snapshots">
            ${shown.map(
              (s) => html`<li>
                <span class="name">${s.name || html`<span class="muted">Unnamed</span>`}</span>
                <span class="muted small">${KIND_LABEL[s.kind] ?? s.kind} · <time datetime=${new Date(s.at).toISOString()}>${dateTime(s.at)}</time></span>
              </li>`
            )}
          </ul>`
        : nothing}
      ${newest.length > shown.length ? html`<p class="muted small">and ${newest.length - shown.length} older</p>` : nothing}`
  }

  private async refresh(): Promise<void> {
    const api = this.api
    const id = this.board?.id
    if (!api || !id) return
    try {
      const [snapshots, sessions] = await Promise.all([api.snapshots(id), api.sessions(id)])
      if (this.board?.id !== id) return
      this.snapshots = snapshots
      this.sessions = sessions
      this.loaded = true
    } catch (err) {
      if (this.board?.id === id) this.fail(err)
    }
  }

  private onSnapshot = async (e: SubmitEvent) => {
    e.preventDefault()
    const form = e.target as HTMLFormElement
    const name = String(new FormData(form).get('name') ?? '').trim()
    await this.act(async (api, id) => {
      await api.takeSnapshot(id, name)
      form.reset()
    })
  }

  private onStart = async (e: SubmitEvent) => {
    e.preventDefault()
    const name = String(new FormData(e.target as HTMLFormElement).get('name') ?? '')
    await this.act((api, id) => api.startSession(id, name))
  }

  private onEnd = () => this.act((api, id) => api.endSession(id))

  /** One change, then the lists again (a 409 means someone else started or ended a session: the lists show how things stand). */
  private async act(change: (api: ConsoleApi, id: string) => Promise<unknown>): Promise<void> {
    const api = this.api
    const id = this.board?.id
    if (!api || !id) return
    this.busy = true
    this.error = ''
    try {
      await change(api, id)
    } catch (err) {
      this.fail(err)
    } finally {
      await this.refresh()
      this.busy = false
    }
  }

  private fail(err: unknown): void {
    const message = failureMessage(this, err)
    if (message !== null) this.error = message
  }
}

const dateTime = (ms: number) => new Date(ms).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })

if (!customElements.get('cg-history-panel')) customElements.define('cg-history-panel', CgHistoryPanel)

declare global {
  interface HTMLElementTagNameMap {
    'cg-history-panel': CgHistoryPanel
  }
}
