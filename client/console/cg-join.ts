import { css, html, LitElement, nothing } from 'lit'
import type { Role } from '../../shared/roles'
import { groupInfo, JoinError, joinGroup, type GroupInfo, type Joined } from '../model/join-group'
import { consoleStyles } from './console-styles'

const AS_ROLE: Record<Role, string> = {
  facilitator: 'a facilitator',
  brand: 'a member of the brand team',
  customer: 'a customer',
  viewer: 'a viewer'
}

/**
 * Joining through a group link: shows what the board is about and asks for the name the others will
 * see, then exchanges the link for a personal token and says so with a `cg-joined` event.
 */
export class CgJoin extends LitElement {
  static override properties = {
    token: {},
    server: {},
    info: { state: true },
    error: { state: true },
    busy: { state: true }
  }

  static override styles = [
    consoleStyles,
    css`
      :host {
        display: block;
        max-width: 32rem;
        margin: 40px auto;
        padding: 0 16px;
      }
      .eyebrow {
        margin: 0 0 2px;
        color: #475569;
        font-size: 12px;
        letter-spacing: 0.04em;
        text-transform: uppercase;
      }
      h1 {
        margin: 0 0 6px;
        font-size: 21px;
        line-height: 1.3;
        overflow-wrap: anywhere;
      }
    `
  ]

  declare token: string
  declare server: string | null
  declare info: GroupInfo | null
  declare error: string
  declare busy: boolean

  constructor() {
    super()
    this.token = ''
    this.server = null
    this.info = null
    this.error = ''
    this.busy = false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    void this.load()
  }

  private async load(): Promise<void> {
    try {
      this.info = await groupInfo(this.token, this.server)
    } catch (err) {
      this.error = err instanceof JoinError ? err.message : 'Could not read this link.'
    }
  }

  protected override render() {
    const info = this.info
    if (!info) {
      return html`<div class="card">
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p class="muted" role="status">Opening the link…</p>`}
      </div>`
    }
    return html`<form class="card" @submit=${this.onSubmit} aria-labelledby="join-title">
      <p class="eyebrow">${info.title}</p>
      <h1 id="join-title">${info.focusQuestion || info.title}</h1>
      <p class="muted">
        You are joining as ${AS_ROLE[info.role]}${info.label
          ? html` (<span>${info.label}</span>)`
          : nothing}.
        ${info.role === 'viewer' ? 'You can follow the board live.' : 'Everything you add is shown with your name.'}
      </p>
      <label for="join-name">Your name</label>
      <input id="join-name" name="name" required maxlength="60" autocomplete="name" />
      ${this.error ? html`<p class="error spaced" role="alert">${this.error}</p>` : nothing}
      <div class="actions"><button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? 'Joining…' : 'Join the board'}</button></div>
    </form>`
  }

  private async onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault()
    const name = String(new FormData(e.target as HTMLFormElement).get('name') ?? '').trim()
    if (!name) return
    this.busy = true
    this.error = ''
    try {
      const joined = await joinGroup({ token: this.token, name, server: this.server })
      this.dispatchEvent(new CustomEvent<Joined>('cg-joined', { detail: joined, bubbles: true, composed: true }))
    } catch (err) {
      this.error = err instanceof JoinError ? err.message : 'Could not join the board.'
    } finally {
      this.busy = false
    }
  }
}

if (!customElements.get('cg-join')) customElements.define('cg-join', CgJoin)

declare global {
  interface HTMLElementTagNameMap {
    'cg-join': CgJoin
  }
}
