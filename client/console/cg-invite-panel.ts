import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { ROLES, type Role } from '../../shared/roles'
import { ROLE_COLORS, ROLE_LABELS } from '../model/roles-ui'
import type { InviteSummary, IssuedInvite } from '../../shared/api/access'
import type { BoardView } from '../../shared/api/boards'
import { type ConsoleApi, failureMessage } from './console-api'
import { consoleStyles } from './console-styles'
import './cg-copy-button'
import './cg-qr'

const LIFETIMES: [string, number][] = [
  ['1 day', 24 * 3600],
  ['7 days', 7 * 24 * 3600],
  ['30 days', 30 * 24 * 3600],
  ['90 days', 90 * 24 * 3600]
]

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '')

/** Inviting people by role: personal links, and group links that each person joins with a name. */
export class CgInvitePanel extends LitElement {
  static override properties = {
    api: { attribute: false },
    board: { attribute: false },
    kind: { state: true },
    role: { state: true },
    issued: { state: true },
    invites: { state: true },
    confirming: { state: true },
    projecting: { state: true },
    error: { state: true },
    busy: { state: true }
  }

  static override styles = [
    consoleStyles,
    css`
      :host {
        display: block;
        /* Its table turns to cards by the panel's width, not the window's (console-styles). */
        container: panel / inline-size;
      }
      fieldset {
        border: 0;
        margin: 0;
        padding: 0;
      }
      legend {
        font-weight: 600;
        font-size: 13px;
        margin-bottom: 4px;
      }
      .choice {
        display: flex;
        align-items: center;
        gap: 6px;
        margin: 2px 0;
        font-weight: 400;
        font-size: 14px;
      }
      .choice input {
        width: auto;
      }
      .issued {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 16px;
        align-items: start;
        margin-top: 14px;
        padding: 14px;
        border: 1px solid #bfdbfe;
        background: #eff6ff;
        border-radius: 10px;
      }
      .issued input {
        font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        font-size: 12.5px;
      }
      .issued cg-qr {
        width: 168px;
      }
      dialog {
        border: 0;
        border-radius: 14px;
        padding: 24px;
        text-align: center;
        max-width: min(40rem, calc(100vw - 32px));
      }
      dialog::backdrop {
        background: rgb(15 23 42 / 0.5);
      }
      dialog cg-qr {
        width: min(420px, 70vw);
      }
      dialog .link {
        margin: 10px 0 0;
        overflow-wrap: anywhere;
      }
      .code-line .code {
        font-size: 18px;
        letter-spacing: 0.08em;
      }
      dialog .projected-code {
        margin: 12px 0 0;
        font-size: clamp(32px, 7vw, 64px);
        font-weight: 700;
        letter-spacing: 0.1em;
      }
    `
  ]

  declare api: ConsoleApi | null
  declare board: BoardView | null
  declare kind: 'person' | 'group'
  declare role: Role
  declare issued: (IssuedInvite & { who: string }) | null
  declare invites: InviteSummary[]
  declare confirming: string | null
  declare projecting: InviteSummary | null
  declare error: string
  declare busy: boolean

  constructor() {
    super()
    this.api = null
    this.board = null
    this.kind = 'person'
    this.role = 'customer'
    this.issued = null
    this.invites = []
    this.confirming = null
    this.projecting = null
    this.error = ''
    this.busy = false
  }

  private timer: ReturnType<typeof setInterval> | null = null

  override connectedCallback(): void {
    super.connectedCallback()
    // Group links gain members as people join; other panels create invites too (embed snippets).
    this.timer = setInterval(() => void this.refresh(), 5000)
    document.addEventListener('cg-people-changed', this.onPeopleChanged)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    document.removeEventListener('cg-people-changed', this.onPeopleChanged)
  }

  private onPeopleChanged = () => void this.refresh()

  protected override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get('board') as BoardView | null | undefined
    if (changed.has('board') && before?.id !== this.board?.id) {
      this.issued = null
      this.invites = []
      this.error = ''
      void this.refresh()
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('projecting')) return
    const dialog = this.renderRoot.querySelector('dialog')
    if (this.projecting && dialog && !dialog.open) dialog.showModal()
  }

  async refresh(): Promise<void> {
    if (!this.api || !this.board) return
    try {
      this.invites = await this.api.invites(this.board.id)
    } catch (err) {
      this.fail(err)
    }
  }

  protected override render() {
    if (!this.board) return nothing
    const roles = this.kind === 'group' ? ROLES.filter((r) => r !== 'facilitator') : ROLES
    return html`<section class="card" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite people</h2>
      <form @submit=${this.onInvite}>
        <fieldset>
          <legend>Who is it for?</legend>
          <label class="choice"><input type="radio" name="kind" value="person" .checked=${this.kind === 'person'} @change=${() => (this.kind = 'person')} /> One person (a personal link)</label>
          <label class="choice"
            ><input type="radio" name="kind" value="group" .checked=${this.kind === 'group'} @change=${this.chooseGroup} /> A group (one link; each person enters their name when joining)</label
          >
        </fieldset>
        <div class="row">
          <div class="grow">
            <label for="invite-role">Role</label>
            <select id="invite-role" name="role" @change=${(e: Event) => (this.role = (e.target as HTMLSelectElement).value as Role)}>
              ${roles.map(
                // The property, not the attribute: once someone has picked a role the attribute no longer
                // moves the select, and when the group form drops Facilitator the select showed another role
                // than the hint (and the link got the shown one).
                (r) => html`<option value=${r} .selected=${r === this.role}>${ROLE_LABELS[r]}</option>`
              )}
            </select>
          </div>
          <div class="grow">
            ${this.kind === 'person'
              ? html`<label for="invite-name">Name (optional)</label><input id="invite-name" name="name" maxlength="100" autocomplete="off" />`
              : html`<label for="invite-label">Group label</label><input id="invite-label" name="label" maxlength="200" autocomplete="off" placeholder="Customers of partner X" />`}
          </div>
          <div>
            <label for="invite-ttl">Valid for</label>
            <select id="invite-ttl" name="ttl">
              ${LIFETIMES.map(([label, s]) => html`<option value=${s} ?selected=${s === 7 * 24 * 3600}>${label}</option>`)}
            </select>
          </div>
        </div>
        <p class="muted small spaced">
          ${roleHelp(this.role)} ${this.board.locked && (this.role === 'brand' || this.role === 'customer') ? 'While the board is locked they can only watch.' : ''}
        </p>
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this.busy || this.board.archived}>
            ${this.kind === 'group' ? 'Create group link' : 'Create invite link'}
          </button>
        </div>
      </form>
      ${this.error ? html`<p class="error spaced" role="alert">${this.error}</p>` : nothing} ${this.issued ? this.renderIssued(this.issued) : nothing}
      ${this.renderList()} ${this.renderProjector()}
    </section>`
  }

  private renderIssued(i: IssuedInvite & { who: string }) {
    return html`<div class="issued" role="status">
      <div>
        <h3>${i.group ? 'Group link' : 'Invite link'} for ${i.who}</h3>
        ${i.code && i.shortUrl
          ? html`<p class="code-line">Join code <strong class="code mono">${i.code}</strong> at <span class="mono">${i.shortUrl.replace(/\/j\/.*$/, '/j')}</span></p>`
          : nothing}
        <label for="issued-link">Link</label>
        <input id="issued-link" readonly .value=${i.shortUrl ?? i.url} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
        <div class="actions">
          <cg-copy-button .text=${i.shortUrl ?? i.url} label="Copy link"></cg-copy-button>
        </div>
        <p class="muted small spaced">
          ${i.group
            ? 'Read out the code, share the link or show the QR code in the room: each person who opens it types their name and gets their own access, so every edit is theirs.'
            : 'Anyone with it can join as this person, so send it to them alone. You can copy it again from the list below.'}
          Expires ${when(i.expiresAt)}.
        </p>
      </div>
      <cg-qr .text=${i.shortUrl ?? i.url} label="QR code of the link"></cg-qr>
    </div>`
  }

  private renderList() {
    const invites = this.invites
    if (invites.length === 0) return html`<p class="muted spaced">No invites yet.</p>`
    return html`<h3 class="spaced">Invites</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">For</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Expires</th>
            <th scope="col"><span class="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${invites.map(
            (i) => html`<tr>
              <td>
                ${i.group
                  ? html`<strong>Group link</strong>${i.label ? html`: ${i.label}` : nothing}
                      <span class="muted small">· ${i.members ?? 0} joined</span>
                      ${i.code ? html`<span class="small">· code <span class="mono">${i.code}</span></span>` : nothing}`
                  : i.name ?? html`<span class="muted">(no name)</span>`}
              </td>
              <td><span class="role" style=${`background:${ROLE_COLORS[i.role]}`}>${ROLE_LABELS[i.role]}</span></td>
              <td><span class="chip ${i.status}">${i.status}</span></td>
              <td class="small" data-label="Expires">${when(i.expiresAt)}</td>
              <td class="actions-cell">
                ${i.url
                  ? html`<cg-copy-button .text=${i.shortUrl ?? i.url} label="Copy link"></cg-copy-button>
                      ${i.group ? html`<button type="button" @click=${() => (this.projecting = i)}>QR</button>` : nothing}`
                  : nothing}
                ${i.status === 'revoked'
                  ? nothing
                  : this.confirming === i.id
                    ? html`<button type="button" class="danger" @click=${() => this.revoke(i)}>Confirm revoke</button>
                        <button type="button" @click=${() => (this.confirming = null)}>Cancel</button>`
                    : html`<button type="button" class="danger" aria-label=${`Revoke invite ${i.group ? i.label ?? 'group link' : i.name ?? ''}`} @click=${() => (this.confirming = i.id)}>
                        Revoke
                      </button>`}
              </td>
            </tr>`
          )}
        </tbody>
      </table>`
  }

  private renderProjector() {
    const p = this.projecting
    return html`<dialog aria-labelledby="qr-title" @close=${() => (this.projecting = null)}>
      ${p?.url
        ? html`<h2 id="qr-title">${p.label ?? 'Join the board'}</h2>
            <p class="muted">Scan to join as ${ROLE_LABELS[p.role].toLowerCase()}${p.code ? ', or go to the address below and type the code' : ''}.</p>
            <cg-qr .text=${p.shortUrl ?? p.url} label="QR code of the group link"></cg-qr>
            ${p.code && p.shortUrl
              ? html`<p class="projected-code mono" aria-label=${`Join code ${p.code.split('').join(' ')}`}>${p.code}</p>
                  <p class="link mono">${p.shortUrl.replace(/\/j\/.*$/, '/j')}</p>`
              : html`<p class="link mono">${p.url}</p>`}
            <form method="dialog" class="actions"><button class="primary">Close</button></form>`
        : nothing}
    </dialog>`
  }

  private chooseGroup = () => {
    this.kind = 'group'
    if (this.role === 'facilitator') this.role = 'customer'
  }

  private async onInvite(e: SubmitEvent): Promise<void> {
    e.preventDefault()
    if (!this.api || !this.board) return
    // Read now: an event from a shadow root has no target once it has been dispatched.
    const form = e.target as HTMLFormElement
    const data = new FormData(form)
    const role = String(data.get('role')) as Role
    const ttlSeconds = Number(data.get('ttl'))
    this.busy = true
    this.error = ''
    this.issued = null
    try {
      if (this.kind === 'group') {
        const label = String(data.get('label') ?? '').trim()
        const issued = await this.api.invite(this.board.id, { role, group: true, label, ttlSeconds })
        this.issued = { ...issued, who: label || `${ROLE_LABELS[role].toLowerCase()}s` }
      } else {
        const name = String(data.get('name') ?? '').trim()
        const issued = await this.api.invite(this.board.id, { role, name, ttlSeconds })
        this.issued = { ...issued, who: name ? `${name} (${ROLE_LABELS[role].toLowerCase()})` : `a ${ROLE_LABELS[role].toLowerCase()}` }
      }
      const text = form.querySelector<HTMLInputElement>('input[name=name], input[name=label]')
      if (text) text.value = ''
      await this.refresh()
    } catch (err) {
      this.fail(err)
    } finally {
      this.busy = false
    }
  }

  private async revoke(i: InviteSummary): Promise<void> {
    if (!this.api || !this.board) return
    this.confirming = null
    try {
      await this.api.revokeInvite(this.board.id, i.id)
      if (this.issued?.inviteId === i.id) this.issued = null
      document.dispatchEvent(new CustomEvent('cg-people-changed'))
    } catch (err) {
      this.fail(err)
    }
  }

  private fail(err: unknown): void {
    const message = failureMessage(this, err)
    if (message !== null) this.error = message
  }
}

function roleHelp(role: Role): string {
  switch (role) {
    case 'facilitator':
      return 'Facilitators can do everything on this board: edit (also when locked), invite, revoke, lock and embed.'
    case 'brand':
      return 'Brand participants edit the map; their contributions count for the brand side.'
    case 'customer':
      return 'Customer participants edit the map; their contributions count for the customer side.'
    case 'viewer':
      return 'Viewers follow the board live and change nothing.'
  }
}

if (!customElements.get('cg-invite-panel')) customElements.define('cg-invite-panel', CgInvitePanel)

declare global {
  interface HTMLElementTagNameMap {
    'cg-invite-panel': CgInvitePanel
  }
}
