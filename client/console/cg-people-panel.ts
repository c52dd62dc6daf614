import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { ROLE_COLORS, ROLE_LABELS } from '../model/roles-ui'
import type { InviteSummary, OnlinePerson, ParticipantSummary } from '../../shared/api/access'
import type { BoardView } from '../../shared/api/boards'
import { type ConsoleApi, failureMessage } from './console-api'
import { consoleStyles } from './console-styles'

/** How often the console asks who is online. */
const POLL_MS = 2000

/** Who is on the board, who is online now, and revoking a person (their connection closes at once). */
export class CgPeoplePanel extends LitElement {
  static override properties = {
    api: { attribute: false },
    board: { attribute: false },
    participants: { state: true },
    online: { state: true },
    groups: { state: true },
    confirming: { state: true },
    error: { state: true }
  }

  static override styles = [
    consoleStyles,
    css`
      :host {
        display: block;
        /* Its table turns to cards by the panel's width, not the window's (console-styles). */
        container: panel / inline-size;
      }
      .online-list {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        list-style: none;
        margin: 0 0 12px;
        padding: 0;
      }
      .online-list li {
        display: inline-flex;
        align-items: center;
        padding: 3px 10px 3px 8px;
        border-radius: 999px;
        background: #f1f5f9;
        border: 1px solid #e2e8f0;
      }
      tr.revoked td:not(.actions-cell) {
        color: #64748b;
      }
    `
  ]

  declare api: ConsoleApi | null
  declare board: BoardView | null
  declare participants: ParticipantSummary[]
  declare online: OnlinePerson[]
  declare groups: Map<string, string>
  declare confirming: string | null
  declare error: string
  private timer: ReturnType<typeof setInterval> | null = null
  private inFlight = false

  constructor() {
    super()
    this.api = null
    this.board = null
    this.participants = []
    this.online = []
    this.groups = new Map()
    this.confirming = null
    this.error = ''
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.timer = setInterval(() => void this.refresh(), POLL_MS)
    document.addEventListener('cg-people-changed', this.onPeopleChanged)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    document.removeEventListener('cg-people-changed', this.onPeopleChanged)
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get('board') as BoardView | null | undefined
    if (changed.has('board') && before?.id !== this.board?.id) {
      this.participants = []
      this.online = []
      this.error = ''
      void this.refresh()
    }
  }

  private onPeopleChanged = () => void this.refresh()

  async refresh(): Promise<void> {
    const api = this.api
    const board = this.board
    if (!api || !board || this.inFlight) return
    this.inFlight = true
    try {
      const [people, invites] = await Promise.all([api.people(board.id), api.invites(board.id)])
      if (this.board?.id !== board.id) return
      this.participants = people.participants
      this.online = people.online
      this.groups = new Map(invites.filter((i: InviteSummary) => i.group).map((i) => [i.id, i.label ?? 'group link']))
      this.error = ''
    } catch (err) {
      this.fail(err)
    } finally {
      this.inFlight = false
    }
  }

  protected override render() {
    if (!this.board) return nothing
    const online = this.online
    return html`<section class="card" aria-labelledby="people-title">
      <h2 id="people-title">People <span class="chip online">${online.length} online now</span></h2>
      ${online.length > 0
        ? html`<ul class="online-list" aria-label="Online now">
            ${online.map(
              (p) => html`<li>
                <span class="dot on" aria-hidden="true"></span>${p.name ?? html`<span class="muted">(no name)</span>`}&nbsp;<span class="muted small">· ${ROLE_LABELS[p.role]}${p.connections > 1 ? ` · ${p.connections} tabs` : ''}</span>
              </li>`
            )}
          </ul>`
        : html`<p class="muted">Nobody is on the board right now.</p>`}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing} ${this.renderTable()}
    </section>`
  }

  private renderTable() {
    if (this.participants.length === 0) return html`<p class="muted">Nobody has been invited yet.</p>`
    return html`<table>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Role</th>
          <th scope="col">Joined through</th>
          <th scope="col">Status</th>
          <th scope="col"><span class="sr-only">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        ${this.participants.map((p) => {
          const revoked = p.revokedAt !== null
          const name = p.name ?? '(no name)'
          return html`<tr class=${revoked ? 'revoked' : ''}>
            <td><span class="dot ${p.connections > 0 ? 'on' : ''}" aria-hidden="true"></span>${p.name ?? html`<span class="muted">(no name)</span>`}</td>
            <td><span class="role" style=${`background:${ROLE_COLORS[p.role]}`}>${ROLE_LABELS[p.role]}</span></td>
            <td class="small">${p.groupInviteId ? html`group link: ${this.groups.get(p.groupInviteId) ?? ''}` : 'personal invite'}</td>
            <td>
              ${revoked
                ? html`<span class="chip revoked">revoked</span>`
                : p.connections > 0
                  ? html`<span class="chip online">online</span>`
                  : p.firstConnectedAt
                    ? html`<span class="chip">offline</span>`
                    : html`<span class="chip">not joined yet</span>`}
            </td>
            <td class="actions-cell">
              ${revoked
                ? nothing
                : this.confirming === p.id
                  ? html`<button type="button" class="danger" @click=${() => this.revoke(p)}>Confirm revoke</button>
                      <button type="button" @click=${() => (this.confirming = null)}>Cancel</button>`
                  : html`<button type="button" class="danger" aria-label=${`Revoke ${name}`} @click=${() => (this.confirming = p.id)}>Revoke</button>`}
            </td>
          </tr>`
        })}
      </tbody>
    </table>`
  }

  private async revoke(p: ParticipantSummary): Promise<void> {
    if (!this.api || !this.board) return
    this.confirming = null
    try {
      await this.api.revokeParticipant(this.board.id, p.id)
      await this.refresh()
    } catch (err) {
      this.fail(err)
    }
  }

  private fail(err: unknown): void {
    const message = failureMessage(this, err)
    if (message !== null) this.error = message
  }
}

if (!customElements.get('cg-people-panel')) customElements.define('cg-people-panel', CgPeoplePanel)

declare global {
  interface HTMLElementTagNameMap {
    'cg-people-panel': CgPeoplePanel
  }
}
