import { css, html, LitElement, nothing } from 'lit'
import { tokenFrom } from './console-api'
import { consoleStyles } from './console-styles'

/** Sign-in: the admin token, or a facilitator's invite link or token. */
export class CgSignIn extends LitElement {
  static override properties = {
    error: {},
    busy: { type: Boolean }
  }

  static override styles = [
    consoleStyles,
    css`
      :host {
        display: block;
        max-width: 34rem;
        margin: 48px auto;
        padding: 0 16px;
      }
    `
  ]

  declare error: string
  declare busy: boolean

  constructor() {
    super()
    this.error = ''
    this.busy = false
  }

  protected override render() {
    return html`<form class="card" @submit=${this.onSubmit}>
      <h2>Sign in</h2>
      <p class="muted">
        Use the admin token (the console address printed when the server starts holds it), or the invite link or token a
        facilitator was given.
      </p>
      <label for="token">Admin token or facilitator invite</label>
      <input id="token" name="token" type="password" autocomplete="off" spellcheck="false" required />
      ${this.error ? html`<p class="error spaced" role="alert">${this.error}</p>` : nothing}
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? 'Signing in…' : 'Sign in'}</button>
      </div>
    </form>`
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault()
    const value = String(new FormData(e.target as HTMLFormElement).get('token') ?? '')
    const token = tokenFrom(value)
    if (!token) return
    this.dispatchEvent(new CustomEvent('cg-sign-in', { detail: token, bubbles: true, composed: true }))
  }
}

if (!customElements.get('cg-sign-in')) customElements.define('cg-sign-in', CgSignIn)

declare global {
  interface HTMLElementTagNameMap {
    'cg-sign-in': CgSignIn
  }
}
